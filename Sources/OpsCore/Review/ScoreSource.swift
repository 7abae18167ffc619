/// Where a score came from.
public enum ScoreSource: String, Sendable, Hashable, CaseIterable {
    /// End-user feedback sent through `POST /api/scores` (thumbs, ratings, comments).
    case api
    /// A reviewer working through an annotation queue.
    case human
    /// An automated evaluation.
    case eval
}
