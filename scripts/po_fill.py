#!/usr/bin/env python3
"""Translator's helper for the gettext catalogues (written with --no-wrap).

    python scripts/po_fill.py todo  locale/sv/LC_MESSAGES/django.po   # untranslated msgids as JSON
    python scripts/po_fill.py fill  locale/sv/LC_MESSAGES/django.po translations.json

``fill`` takes a JSON object {msgid: msgstr} (for plural entries {msgid: [singular,
plural]}), fills those entries and clears their fuzzy flags. Entries not in the file
are left alone.
"""

import json
import re
import sys


def unquote(s: str) -> str:
    return json.loads(s)


def quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def entries(text: str):
    return text.split("\n\n")


def parse(block: str):
    msgid = re.search(r'^msgid (".*")$', block, re.M)
    plural = re.search(r'^msgid_plural (".*")$', block, re.M)
    msgstr = re.search(r'^msgstr (".*")$', block, re.M)
    msgstr0 = re.search(r'^msgstr\[0\] (".*")$', block, re.M)
    return msgid, plural, msgstr, msgstr0


def todo(path):
    out = {}
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    for block in entries(text):
        msgid, plural, msgstr, msgstr0 = parse(block)
        if not msgid or unquote(msgid.group(1)) == "":
            continue
        fuzzy = "#, fuzzy" in block or re.search(r"^#,.*fuzzy", block, re.M)
        if plural:
            empty = unquote(msgstr0.group(1)) == ""
            if empty or fuzzy:
                out[unquote(msgid.group(1))] = [unquote(msgid.group(1)), unquote(plural.group(1))]
        elif unquote(msgstr.group(1)) == "" or fuzzy:
            out[unquote(msgid.group(1))] = ""
    print(json.dumps(out, ensure_ascii=False, indent=1))


def fill(path, mapping_path):
    with open(mapping_path, encoding="utf-8") as fh:
        mapping = json.load(fh)
    with open(path, encoding="utf-8") as fh:
        blocks = entries(fh.read())
    filled = 0
    for i, block in enumerate(blocks):
        msgid, plural, _msgstr, _msgstr0 = parse(block)
        if not msgid:
            continue
        key = unquote(msgid.group(1))
        if key == "" or key not in mapping:
            continue
        value = mapping[key]
        lines = [ln for ln in block.split("\n") if not ln.startswith("#| ")]
        lines = [re.sub(r",\s*fuzzy", "", ln) if ln.startswith("#,") else ln for ln in lines]
        lines = [ln for ln in lines if ln.strip() != "#,"]
        block = "\n".join(lines)
        if plural:
            one, many = value if isinstance(value, list) else (value, value)
            block = re.sub(
                r'^msgstr\[0\] ".*"$',
                "msgstr[0] " + quote(one).replace("\\", "\\\\"),
                block,
                flags=re.M,
            )
            block = re.sub(
                r'^msgstr\[1\] ".*"$',
                "msgstr[1] " + quote(many).replace("\\", "\\\\"),
                block,
                flags=re.M,
            )
        else:
            block = re.sub(
                r'^msgstr ".*"$', "msgstr " + quote(value).replace("\\", "\\\\"), block, flags=re.M
            )
        blocks[i] = block
        filled += 1
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n\n".join(blocks))
    print(f"filled {filled} entries")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"todo": todo, "fill": fill}[command](*args)
