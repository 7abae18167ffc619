"""Deterministic, varied test texts shared by the fixture generators (issue 3)."""
import random

BASE = [
    "", " ", "hello", "Hello", "HELLO WORLD", "a", "The", "42", "3.14159", "...", "!!!", "?",
    "The quick brown fox jumps over the lazy dog.",
    "A man is eating food.", "A man is riding a horse.", "A woman is playing violin.",
    "Two men pushed carts through the woods.", "A monkey is playing drums.",
    "Café au lait, naïve façade, jalapeño, über, coöperate, résumé.",
    "Ångström, Øresund, Łódź, Šibenik, Đakovo, İstanbul, ß straße STRASSE",
    "Ελληνικά γράμματα και τόνοι: άέήίόύώ ΐΰ", "Русский текст с буквой ё и Й.",
    "עברית וערבית: مرحبا بالعالم", "हिन्दी में एक वाक्य।", "ภาษาไทยไม่มีช่องว่าง",
    "中文句子没有空格，但有标点。", "日本語の文章とカタカナ、ひらがな。", "한국어 문장입니다.",
    "混合 mixed 文本 text 123", "𠀀𠀁 rare CJK extension B", "全角ＡＢＣ１２３",
    "Emoji 😀😃😄 and flags 🇫🇷🇯🇵 and family 👨‍👩‍👧‍👦", "🙂", "I ❤️ NY ☕ ✈️ ★ ♫",
    "def f(x):\n    return x ** 2  # square", "for (int i = 0; i < n; ++i) { sum += a[i]; }",
    "SELECT id, name FROM users WHERE age > 21 ORDER BY name;", "<div class=\"x\">Hi &amp; bye</div>",
    "{\"key\": [1, 2, 3], \"nested\": {\"ok\": true}}", "x = lambda a, b: a if a > b else b",
    "https://example.com/path/to/page?query=1&lang=en#section", "mailto:someone@example.org",
    "Visit http://www.test.co.uk:8080/index.html for more.", "ftp://files.example.net/pub/file.tar.gz",
    "tabs\tand\nnewlines\r\nand  double  spaces", "\u00a0non-breaking\u00a0space", "zero\u200bwidth\u200cjoiners\u200d",
    "control\u0007chars\u0001here", "soft\u00adhyphen", "replacement \ufffd char", "combining e\u0301 vs é",
    "don't can't won't I'm you're we've they'll she'd", "It's 5 o'clock; isn't it?",
    "Prices: $5.99, €10, £3, ¥1000, 50% off!", "Temperature: -40°C = -40°F", "½ ¼ ¾ ² ³ ⁴ ₁ ₂",
    "UPPER lower MiXeD CaSe", "hyphen-ated words and under_scores and camelCase",
    "e-mail: first.last+tag@sub.domain.com", "(parentheses) [brackets] {braces} <angles>",
    "Ellipsis… em—dash en–dash “quotes” ‘single’ «guillemets»",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "pneumonoultramicroscopicsilicovolcanoconiosis" * 3,
    "A" * 150, "ab " * 20, "1234567890" * 5,
]

WORDS = ("model embedding vector gateway latency token prompt cache retrieval drift monitor evaluate "
         "deploy route canary fallback budget trace span metric alert dataset judge guardrail privacy "
         "search rank chunk index cosine distance server client request response stream batch queue "
         "the a of and to in is for on with as by at from it that this be are was were has have").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def embedding_texts():
    rng = random.Random(3)
    texts = list(BASE)
    for n in range(1, 60):
        texts.append(sentence(rng, n))
    for i in range(80):
        texts.append(f"{sentence(rng, 8)} {rng.choice(BASE[12:60])} {rng.randint(0, 10**6)}")
    # Longer than the 256-token limit, so truncation is exercised.
    for n in (200, 260, 300, 500):
        texts.append(sentence(rng, n))
    texts.append(" ".join(BASE[12:60]) * 3)
    texts.append("日本語の文章とカタカナ、ひらがな。" * 30)
    return texts


def bench_sentences(count=256):
    rng = random.Random(7)
    return [sentence(rng, 20) for _ in range(count)]
