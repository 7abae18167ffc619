import Foundation

/// BERT's WordPiece tokenizer (uncased), reading the `vocab.txt` shipped with the model.
///
/// Encoding adds `[CLS]` and `[SEP]` and truncates to `maxLength` tokens including both,
/// matching sentence-transformers' `max_seq_length`.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: [String]
    private let ids: [String: Int]
    public let maxLength: Int
    public let clsID: Int
    public let sepID: Int
    public let unknownID: Int
    public let padID: Int
    private let preTokenizer: BertPreTokenizer
    private let maxCharactersPerWord = 100

    /// Loads `vocab.txt` (one token per line; the line number is the id).
    public init(vocabPath: String, maxLength: Int = 256, lowercase: Bool = true) throws {
        guard let data = FileManager.default.contents(atPath: vocabPath) else {
            throw LocalModelError.weightsMissing(path: vocabPath)
        }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        try self.init(vocabulary: lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 },
                      maxLength: maxLength, lowercase: lowercase, source: vocabPath)
    }

    public init(vocabulary: [String], maxLength: Int = 256, lowercase: Bool = true, source: String = "vocabulary") throws {
        self.vocabulary = vocabulary
        var ids: [String: Int] = [:]
        for (i, token) in vocabulary.enumerated() where ids[token] == nil { ids[token] = i }
        self.ids = ids
        func special(_ name: String) throws -> Int {
            guard let id = ids[name] else { throw LocalModelError.missingEntry(file: source, name: "token \(name)") }
            return id
        }
        clsID = try special("[CLS]")
        sepID = try special("[SEP]")
        unknownID = try special("[UNK]")
        padID = ids["[PAD]"] ?? 0
        self.maxLength = max(maxLength, 2)
        preTokenizer = BertPreTokenizer(lowercase: lowercase, stripAccents: lowercase)
    }

    /// Token ids for `text`: `[CLS] pieces… [SEP]`, at most `maxLength` of them.
    public func encode(_ text: String) -> [Int] {
        var out = [clsID]
        let budget = maxLength - 1
        words: for word in preTokenizer.words(text) {
            for id in pieces(of: word) {
                if out.count >= budget { break words }
                out.append(id)
            }
        }
        out.append(sepID)
        return out
    }

    /// Greedy longest-match-first split of one word; an unsplittable word becomes `[UNK]`.
    func pieces(of word: String) -> [Int] {
        let scalars = Array(word.unicodeScalars)
        if scalars.count > maxCharactersPerWord { return [unknownID] }
        var result: [Int] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var found: Int?
            while start < end {
                var candidate = String(String.UnicodeScalarView(scalars[start..<end]))
                if start > 0 { candidate = "##" + candidate }
                if let id = ids[candidate] { found = id; break }
                end -= 1
            }
            guard let id = found else { return [unknownID] }
            result.append(id)
            start = end
        }
        return result
    }

    /// Text for `ids`, dropping special tokens and joining `##` continuations.
    public func decode(_ ids: [Int]) -> String {
        var text = ""
        for id in ids where id >= 0 && id < vocabulary.count {
            let token = vocabulary[id]
            if id == clsID || id == sepID || id == padID || (token.hasPrefix("[") && token.hasSuffix("]") && id != unknownID) {
                continue
            }
            if token.hasPrefix("##") {
                text += token.dropFirst(2)
            } else {
                if !text.isEmpty { text += " " }
                text += token
            }
        }
        return text
    }
}
