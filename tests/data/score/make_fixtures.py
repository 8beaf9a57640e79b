"""Regenerate the PO and TMX scoring fixtures from the plain-text ones (run from this folder).

The PO files pair by msgctxt and deliberately disagree: the hypothesis lists its
entries in another order, has one entry the reference lacks, one empty msgstr,
and one entry without msgctxt (paired by msgid); the reference has one fuzzy
entry (no use as a reference) and one entry the hypothesis lacks.
"""

from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent


def lines(name: str) -> list[str]:
    return (HERE / name).read_text(encoding="utf-8").splitlines()


def po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def po(language: str, entries: list[tuple[str | None, str, str, bool]]) -> str:
    out = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        "",
    ]
    for ctxt, msgid, msgstr, fuzzy in entries:
        if fuzzy:
            out.append("#, fuzzy")
        if ctxt is not None:
            out.append(f"msgctxt {po_quote(ctxt)}")
        out += [f"msgid {po_quote(msgid)}", f"msgstr {po_quote(msgstr)}", ""]
    return "\n".join(out)


def tmx(pairs: list[tuple[str | None, str, str]], target_lang: str = "en") -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        '  <header creationtool="tmkit-tests" creationtoolversion="1" segtype="sentence"'
        ' o-tmf="none" adminlang="en" srclang="ja" datatype="plaintext"/>',
        "  <body>",
    ]
    for tuid, source, target in pairs:
        attr = f' tuid="{escape(tuid)}"' if tuid else ""
        out += [
            f"    <tu{attr}>",
            f'      <tuv xml:lang="ja"><seg>{escape(source)}</seg></tuv>',
            f'      <tuv xml:lang="{target_lang}"><seg>{escape(target)}</seg></tuv>',
            "    </tu>",
        ]
    out += ["  </body>", "</tmx>", ""]
    return "\n".join(out)


def main() -> None:
    ja, hyp, ref = lines("ja-ref.txt"), lines("en-hyp.txt"), lines("en-ref1.txt")
    ref_entries = [(f"interview.txt:{i + 1}", ja[i], ref[i], False) for i in range(10)]
    ref_entries[3] = (None, ja[3], ref[3], False)  # no msgctxt: pairs by msgid
    ref_entries[8] = (ref_entries[8][0], ja[8], ref[8], True)  # fuzzy: not a reference
    ref_entries.append(("interview.txt:99", "参照だけにある文。", "Only in the reference.", False))
    hyp_entries = [(f"interview.txt:{i + 1}", ja[i], hyp[i], False) for i in range(10)]
    hyp_entries[3] = (None, ja[3], hyp[3], False)
    hyp_entries[6] = (hyp_entries[6][0], ja[6], "", False)  # untranslated hypothesis: scores empty
    hyp_entries.append(("interview.txt:50", "仮説だけにある文。", "Only in the hypothesis.", False))
    hyp_entries.reverse()
    (HERE / "en-ref.po").write_text(po("en", ref_entries), encoding="utf-8")
    (HERE / "en-hyp.po").write_text(po("en_US", hyp_entries), encoding="utf-8")

    en = lines("en-ref1.txt")
    ja_hyp, ja_ref = lines("ja-hyp.txt"), lines("ja-ref.txt")
    (HERE / "ja-ref.po").write_text(
        po("ja", [(f"s{i}", en[i], ja_ref[i], False) for i in range(10)]), encoding="utf-8"
    )
    (HERE / "ja-hyp.po").write_text(
        po("ja_JP", [(f"s{i}", en[i], ja_hyp[i], False) for i in range(10)]), encoding="utf-8"
    )

    ref_tus = [(f"t{i}" if i != 2 else None, ja[i], ref[i]) for i in range(10)]
    hyp_tus = [(f"t{i}" if i != 2 else None, ja[i], hyp[i]) for i in range(10)]
    (HERE / "en-ref.tmx").write_text(tmx(ref_tus), encoding="utf-8")
    (HERE / "en-hyp.tmx").write_text(tmx(list(reversed(hyp_tus))), encoding="utf-8")


if __name__ == "__main__":
    main()
