"""Deterministic hypothesis/reference cases for the OpsEval reference fixtures and benchmark.

Every case is {"hyp": str, "refs": [str, ...]}. The mix covers what breaks metric ports:
empty strings, unicode (composed and decomposed accents, CJK, emoji, special case mappings,
unicode whitespace), punctuation and HTML entities that the 13a tokenizer rewrites, numbers
with separators, multi-reference segments, multi-sentence (newline) summaries and long lines.
"""
import random

WORDS = (
    "the a an of to in on for with by at from and or but not is are was were be been being "
    "cat dog house tree river mountain city country government people policy market economy "
    "running runs ran runner flies flying flied happily happiness generalization generalizations "
    "relational conditional rational national nationalism agreed agreement feeding hopping hoping "
    "skies sky dying lying tying news innings outing proceed exceeded succeeded cannings "
    "computer computing computational computers model models modelling evaluation evaluations "
    "translate translation translations translator quickly quick brown fox jumps over lazy "
    "electricity electrical electric formalize formality sensitivity sensible adjustable "
    "dependent dependence adoption communism activate angularity homologous effective "
    "report reported reporting reports said says saying minister ministers president week "
    "year years today yesterday tomorrow million billion percent increase decreased rising"
).split()

UNICODE_SNIPPETS = [
    "café", "cafe\u0301", "naïve", "Zürich", "façade", "Ærøskøbing", "straße", "STRASSE",
    "İstanbul", "\u212a", "ﬁsh", "Ελληνικά", "Москва", "日本語のテキスト", "中文 句子", "한국어",
    "العربية", "עברית", "😀", "👍🏽", "🇫🇷", "e\u0301\u0301", "x\u200by", "a\u00a0b", "c\u3000d",
    "tab\there", "line\u2028sep", "a\x1cb", "\u0085nel", "ǅ", "ẞ", "ﬀ", "Ⅻ", "①", "²", "٣",
]

PUNCT_SNIPPETS = [
    "Hello, world!", "e.g.", "U.S.A.", "3.14", "1,000", "1,000,000.50", "-5", "5-3", "well-known",
    "\"quoted\"", "'single'", "(parens)", "[brackets]", "{braces}", "a/b", "x@y.com", "#tag",
    "$100", "50%", "a&b", "&amp;", "&quot;hi&quot;", "&lt;tag&gt;", "&amp;lt;", "<skipped>",
    "end.", "end .", "wait...", "?!", "--", "a--b", "1.2.3", ".5", "5.", ",x", "x,", "a.b,c",
    "~tilde", "back\\slash", "^caret", "`tick`", "|pipe|", "under_score", "semi;colon", "colon:",
    "12:30", "2024-01-31", "3-4", "9-", "-", ".", ",", "'", "''", "...", "a-\nb", "x\ny",
]

STEM_STEMS = (
    "relat condit ration valen hesit digit conform radic differ vile analog vietnam predic electr "
    "hope good formal sensitiv sensibil triplic formativ electric reviv allowanc inferenc airlin "
    "gyroscop adjust depend adopt homolog communism activ angular effect bowdler generat ceas sky "
    "die lie tie news inning happ run fly agre feed plaster bled motor sing conflat troubl siz hop "
    "tann fall hiss fizz fail fil caress poni ti cat cri spy toy boy say play employ destroy "
    "syzyg yoyo quay rally ally analy geolog bio mean nation organ commun operat control engin"
).split()

STEM_SUFFIXES = (
    " s es ies ied ed ing ly ness ful ational tional enci anci izer bli abli alli entli eli ousli "
    "ization ation ator alism iveness fulness ousness aliti iviti biliti fulli logi icate ative "
    "alize iciti ical al ance ence er ic able ible ant ement ment ent ion sion tion ou ism ate iti "
    "ous ive ize e ll y eed sses ss yed ying yly"
).split(" ")


def stem_words():
    """Words that exercise every Porter rule, in both plain and irregular forms."""
    words = {s + x for s in STEM_STEMS for x in STEM_SUFFIXES}
    words.update(WORDS)
    words.update(["sky", "skies", "dying", "lying", "tying", "news", "innings", "inning",
                  "outings", "outing", "cannings", "canning", "howe", "proceed", "exceed",
                  "succeed", "yyyy", "yy", "y", "ay", "by", "ies", "lies", "dies", "ied", "eed",
                  "bed", "ring", "sing", "abc123", "a1b2c3", "1990s", "3rd"])
    return sorted(words)


def _sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _perturb(rng, text):
    tokens = text.split(" ")
    out = []
    for t in tokens:
        r = rng.random()
        if r < 0.08:
            continue
        if r < 0.16:
            out.append(rng.choice(WORDS))
        elif r < 0.20:
            out.append(t + rng.choice([",", ".", "!", "?", ";"]))
        elif r < 0.23:
            out.append(t.capitalize())
        else:
            out.append(t)
        if rng.random() < 0.04:
            out.append(rng.choice(WORDS))
    if len(out) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


def _decorate(rng, text):
    """Sprinkle unicode and punctuation snippets into a sentence."""
    tokens = text.split(" ")
    for _ in range(rng.randrange(0, 4)):
        pool = UNICODE_SNIPPETS if rng.random() < 0.5 else PUNCT_SNIPPETS
        tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(pool))
    return " ".join(tokens)


def handmade_cases():
    return [
        {"hyp": "", "refs": [""]},
        {"hyp": "", "refs": ["the cat sat on the mat"]},
        {"hyp": "the cat sat on the mat", "refs": [""]},
        {"hyp": "the cat sat on the mat", "refs": ["the cat sat on the mat"]},
        {"hyp": "the cat", "refs": ["the cat sat on the mat"]},
        {"hyp": "cat", "refs": ["cat"]},
        {"hyp": "a b", "refs": ["a b"]},
        {"hyp": "a b c", "refs": ["a b c d", "a b", "x"]},
        {"hyp": "The quick brown fox jumps over the lazy dog.",
         "refs": ["The quick brown dog jumps on the log.", "A fast brown fox leaps over a dog."]},
        {"hyp": "   ", "refs": ["\t"]},
        {"hyp": "!!!", "refs": ["???"]},
        {"hyp": "Hello, world!", "refs": ["Hello world"]},
        {"hyp": "It costs $1,000.50 (approx.)", "refs": ["It costs $1,000.50 approx."]},
        {"hyp": "3.14 and 2,5 and 1-2", "refs": ["3.14 and 2,5 and 1 - 2"]},
        {"hyp": "&amp;quot; &lt;b&gt; &quot;x&quot;", "refs": ["\"x\" <b> &quot;"]},
        {"hyp": "word<skipped>word", "refs": ["wordword"]},
        {"hyp": "hyphen-\nated line\nbreak", "refs": ["hyphenated line break"]},
        {"hyp": "trailing spaces   \t", "refs": ["trailing spaces"]},
        {"hyp": "café naïve Zürich", "refs": ["cafe\u0301 naive Zurich"]},
        {"hyp": "日本語のテキスト", "refs": ["日本語 の テキスト"]},
        {"hyp": "😀 👍🏽 🇫🇷", "refs": ["😀👍🏽🇫🇷"]},
        {"hyp": "İstanbul \u212aelvin STRASSE", "refs": ["istanbul kelvin straße"]},
        {"hyp": "a\u00a0b c\u3000d e\u2028f", "refs": ["a b c d e f"]},
        {"hyp": "x\u200by", "refs": ["x y"]},
        {"hyp": "running flies happily", "refs": ["runs fly happy"]},
        {"hyp": "generalizations of relational conditions", "refs": ["general relation condition"]},
        {"hyp": "First sentence here.\nSecond sentence there.",
         "refs": ["Second sentence here.\nFirst sentence there.\nThird one."]},
        {"hyp": "one\n\ntwo\n", "refs": ["two\none"]},
        {"hyp": "the the the the the the the", "refs": ["the cat is on the mat"]},
        {"hyp": "12 34 56 78", "refs": ["12 34 56 78 90"]},
        {"hyp": "e.g. U.S.A. etc.", "refs": ["e.g. USA etc"]},
        {"hyp": "a.b,c;d:e", "refs": ["a . b , c ; d : e"]},
        {"hyp": "dying skies news", "refs": ["die sky news"]},
        {"hyp": "ﬁsh ﬀ Ⅻ ① ² ٣", "refs": ["fish ff XII 1 2 3"]},
    ]


def generated_cases(rng, count):
    cases = []
    for i in range(count):
        kind = i % 6
        n = rng.randrange(1, 30)
        base = _sentence(rng, n)
        if kind == 0:
            ref, hyp = base, _perturb(rng, base)
            refs = [ref]
        elif kind == 1:
            refs = [base, _perturb(rng, base), _perturb(rng, base)][: rng.randrange(2, 4)]
            hyp = _perturb(rng, base)
        elif kind == 2:
            refs = [_decorate(rng, base)]
            hyp = _decorate(rng, _perturb(rng, base))
        elif kind == 3:
            long_base = _sentence(rng, rng.randrange(120, 260))
            refs = [long_base]
            hyp = _perturb(rng, long_base)
        elif kind == 4:
            sents = [_sentence(rng, rng.randrange(3, 12)) + "." for _ in range(rng.randrange(1, 5))]
            refs = ["\n".join(sents)]
            hyp = "\n".join(_perturb(rng, s) for s in sents[::-1])
        else:
            refs = [_decorate(rng, _perturb(rng, base)) for _ in range(rng.randrange(1, 4))]
            hyp = _sentence(rng, rng.randrange(0, 8)) if rng.random() < 0.5 else _perturb(rng, base)
        cases.append({"hyp": hyp, "refs": refs})
    return cases


def all_cases(seed=20261125, count=330):
    rng = random.Random(seed)
    return handmade_cases() + generated_cases(rng, count)


def bench_pairs(count=10000, seed=7):
    """Single-line hypothesis/reference pairs for the benchmark (no newlines inside a pair)."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        ref = _sentence(rng, rng.randrange(8, 40))
        if rng.random() < 0.3:
            ref = _decorate(rng, ref).replace("\n", " ").replace("\u2028", " ").replace("\x1c", " ").replace("\u0085", " ")
        pairs.append((_perturb(rng, ref), ref))
    return pairs
