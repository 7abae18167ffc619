import OpsCore

/// What a call cost, from the deployment's price table. Nil when the model has no price.
public enum CostCalculator {
    public static func cost(of usage: Usage?, for deployment: ModelDeployment) -> Double? {
        guard let usage, let price = deployment.price else { return nil }
        return price.cost(of: usage)
    }
}
