#!/usr/bin/env python3
"""Validate the data files of factlint's `names` rule kind.

Checks rules/data/organisations.yaml and rules/data/name_words.yaml:

organisations.yaml
  * at least 500 entries, each a mapping with only the known keys;
  * `name` and `type` present, `type` one of the allowed values;
  * `country` is null or an ISO 3166-1 alpha-2 code (two capital letters);
  * `aliases` / `misspellings` are lists of non-empty, trimmed strings without
    repeats inside the list;
  * no two entries share a name, an alias never equals another entry's name or
    another entry's alias, and a misspelling never equals any name or alias
    (all compared case-insensitively, with runs of white space collapsed);
  * a misspelling is listed for one entry only.

name_words.yaml
  * at least 60 words, no word listed twice;
  * each word has 3 to 10 misspellings, each at Damerau-Levenshtein distance
    1 or 2 from its word (optimal string alignment, case-insensitive);
  * real_word_misspellings is a subset of misspellings;
  * no misspelling is a lexicon word, nor a misspelling of another word;
  * no misspelling is a common English word unless it is listed in
    real_word_misspellings. This needs a system word list
    (/usr/share/dict/american-english, british-english or words, e.g. from
    Debian's wamerican / wbritish packages); without one that check is
    skipped and the summary says so;
  * every abbreviation has `short` and `full`, and `full` is a lexicon word.

both files together
  * no organisation name or alias contains a word listed as a misspelling or
    an abbreviation in name_words.yaml (the rule would flag a correct form).

Needs Python 3.11 and PyYAML (`pip install pyyaml`). Not used by the Rust
build. Usage: python3 rules/data/check.py [DIR]   (DIR defaults to the folder
of this script). Exit status 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import collections
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write("check.py needs PyYAML: pip install pyyaml\n")
    sys.exit(2)

MIN_ORGANISATIONS = 500
MIN_WORDS = 60
MIN_MISSPELLINGS, MAX_MISSPELLINGS = 3, 10

TYPES = {
    "un_agency", "international", "central_bank", "statistics_office",
    "government", "university", "think_tank", "security_agency", "cert",
    "company", "news_agency", "ngo", "other",
}
ORG_KEYS = {"name", "aliases", "misspellings", "type", "country"}
WORD_KEYS = {"word", "misspellings", "real_word_misspellings"}
ABBR_KEYS = {"short", "full"}
DICTIONARIES = (
    "/usr/share/dict/american-english",
    "/usr/share/dict/british-english",
    "/usr/share/dict/words",
)

errors: list[str] = []


def error(msg: str) -> None:
    errors.append(msg)


def norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def osa_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment variant)."""
    a, b = a.casefold(), b.casefold()
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def string_list(value, where: str) -> list[str]:
    """Return value as a list of strings, reporting problems."""
    if value is None:
        return []
    if not isinstance(value, list):
        error(f"{where}: must be a list, got {type(value).__name__}")
        return []
    out = []
    seen = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            error(f"{where}: item {item!r} is not a non-empty string")
            continue
        if item != item.strip() or "  " in item:
            error(f"{where}: {item!r} has stray white space")
        if item in seen:
            error(f"{where}: {item!r} listed twice")
        seen.add(item)
        out.append(item)
    return out


def load(path: str, key: str):
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        error(f"{path}: cannot be read as YAML: {e}")
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        error(f"{path}: top level must be a mapping with a list under '{key}'")
        return None
    return doc


CORRECT_FORMS: list[tuple[str, str]] = []   # (entry name, name or alias)
LEXICON_MISSPELLINGS: dict[str, str] = {}   # casefolded misspelling -> word
LEXICON_ABBREVIATIONS: set[str] = set()


def check_organisations(path: str) -> collections.Counter:
    doc = load(path, "organisations")
    types: collections.Counter = collections.Counter()
    if doc is None:
        return types
    orgs = doc["organisations"]
    if len(orgs) < MIN_ORGANISATIONS:
        error(f"{path}: {len(orgs)} organisations, need at least {MIN_ORGANISATIONS}")

    names: dict[str, int] = {}          # normalised name -> entry index
    aliases: dict[str, int] = {}        # normalised alias -> entry index
    misspellings: dict[str, int] = {}   # normalised misspelling -> entry index
    labels: list[str] = []
    entries = []
    for i, org in enumerate(orgs):
        where = f"{path}: entry {i + 1}"
        if not isinstance(org, dict):
            error(f"{where}: not a mapping")
            entries.append(None)
            labels.append(f"#{i + 1}")
            continue
        extra = set(org) - ORG_KEYS
        if extra:
            error(f"{where}: unknown keys {sorted(extra)}")
        name = org.get("name")
        if not isinstance(name, str) or not name.strip():
            error(f"{where}: missing or empty 'name'")
            name = f"#{i + 1}"
        elif name != name.strip() or "  " in name:
            error(f"{where}: name {name!r} has stray white space")
        where = f"{path}: {name!r}"
        labels.append(name)
        typ = org.get("type")
        if typ not in TYPES:
            error(f"{where}: type {typ!r} is not one of {sorted(TYPES)}")
        else:
            types[typ] += 1
        if "country" in org and org["country"] is not None:
            if not (isinstance(org["country"], str) and re.fullmatch(r"[A-Z]{2}", org["country"])):
                error(f"{where}: country {org['country']!r} is not an ISO 3166-1 alpha-2 code or null")
        al = string_list(org.get("aliases"), f"{where}: aliases")
        ms = string_list(org.get("misspellings"), f"{where}: misspellings")
        if name in al:
            error(f"{where}: alias equals the name")
        for m in ms:
            if m == name or m in al:
                error(f"{where}: misspelling {m!r} is also a correct form of this entry")
        entries.append((name, al, ms))
        CORRECT_FORMS.extend((name, form) for form in [name, *al])
        n = norm(name)
        if n in names:
            error(f"{where}: duplicate name (also entry {labels[names[n]]!r})")
        else:
            names[n] = i

    for i, ent in enumerate(entries):
        if ent is None:
            continue
        name, al, _ = ent
        for a in al:
            n = norm(a)
            if n in names and names[n] != i:
                error(f"{path}: alias {a!r} of {name!r} is the name of {labels[names[n]]!r}")
            if n in aliases and aliases[n] != i:
                error(f"{path}: alias {a!r} of {name!r} is also an alias of {labels[aliases[n]]!r}")
            aliases.setdefault(n, i)
    for i, ent in enumerate(entries):
        if ent is None:
            continue
        name, _, ms = ent
        for m in ms:
            n = norm(m)
            if n in names:
                error(f"{path}: misspelling {m!r} of {name!r} is the name of {labels[names[n]]!r}")
            if n in aliases:
                error(f"{path}: misspelling {m!r} of {name!r} is an alias of {labels[aliases[n]]!r}")
            if n in misspellings and misspellings[n] != i:
                error(f"{path}: misspelling {m!r} of {name!r} is also listed for {labels[misspellings[n]]!r}")
            misspellings.setdefault(n, i)

    types["_aliases"] = sum(len(e[1]) for e in entries if e)
    types["_misspellings"] = sum(len(e[2]) for e in entries if e)
    types["_total"] = len(orgs)
    return types


def load_dictionary() -> tuple[set[str], list[str]]:
    words: set[str] = set()
    used = []
    for p in DICTIONARIES:
        if os.path.exists(p):
            with open(p, encoding="utf-8", errors="ignore") as f:
                words.update(line.strip().casefold() for line in f if line.strip())
            used.append(p)
    return words, used


def check_words(path: str) -> dict:
    doc = load(path, "words")
    stats = {"words": 0, "misspellings": 0, "real_word": 0, "abbreviations": 0,
             "dictionary": None}
    if doc is None:
        return stats
    words = doc["words"]
    stats["words"] = len(words)
    if len(words) < MIN_WORDS:
        error(f"{path}: {len(words)} words, need at least {MIN_WORDS}")

    lexicon: dict[str, str] = {}
    parsed = []
    for i, ent in enumerate(words):
        where = f"{path}: word entry {i + 1}"
        if not isinstance(ent, dict):
            error(f"{where}: not a mapping")
            continue
        extra = set(ent) - WORD_KEYS
        if extra:
            error(f"{where}: unknown keys {sorted(extra)}")
        w = ent.get("word")
        if not isinstance(w, str) or not w.strip() or w != w.strip():
            error(f"{where}: missing, empty or untrimmed 'word'")
            continue
        where = f"{path}: {w!r}"
        if w.casefold() in lexicon:
            error(f"{where}: word listed twice")
        lexicon[w.casefold()] = w
        ms = string_list(ent.get("misspellings"), f"{where}: misspellings")
        rw = string_list(ent.get("real_word_misspellings"), f"{where}: real_word_misspellings")
        if not MIN_MISSPELLINGS <= len(ms) <= MAX_MISSPELLINGS:
            error(f"{where}: {len(ms)} misspellings, need {MIN_MISSPELLINGS} to {MAX_MISSPELLINGS}")
        for r in rw:
            if r not in ms:
                error(f"{where}: real_word_misspelling {r!r} is not in misspellings")
        parsed.append((w, ms, rw))

    dictionary, used = load_dictionary()
    stats["dictionary"] = used
    owner: dict[str, str] = {}
    for w, ms, rw in parsed:
        where = f"{path}: {w!r}"
        stats["misspellings"] += len(ms)
        stats["real_word"] += len(rw)
        for m in ms:
            d = osa_distance(m, w)
            if not 1 <= d <= 2:
                error(f"{where}: misspelling {m!r} is at distance {d} from the word (need 1-2)")
            key = m.casefold()
            if key in lexicon:
                error(f"{where}: misspelling {m!r} is the lexicon word {lexicon[key]!r}")
            if key in owner and owner[key] != w:
                error(f"{where}: misspelling {m!r} is also listed for {owner[key]!r}")
            owner.setdefault(key, w)
            LEXICON_MISSPELLINGS.setdefault(key, w)
            if dictionary and m not in rw and key in dictionary:
                error(f"{where}: misspelling {m!r} is an English word; "
                      f"list it in real_word_misspellings or drop it")
        if dictionary:
            for r in rw:
                if r.casefold() not in dictionary:
                    error(f"{where}: real_word_misspelling {r!r} is not in the word list")

    abbrs = doc.get("abbreviations") or []
    if not isinstance(abbrs, list):
        error(f"{path}: 'abbreviations' must be a list")
        abbrs = []
    seen = set()
    for i, ab in enumerate(abbrs):
        where = f"{path}: abbreviation {i + 1}"
        if not isinstance(ab, dict) or set(ab) != ABBR_KEYS:
            error(f"{where}: must be a mapping with exactly the keys 'short' and 'full'")
            continue
        short, full = ab["short"], ab["full"]
        if not isinstance(short, str) or not short.strip():
            error(f"{where}: empty 'short'")
            continue
        if short in seen:
            error(f"{where}: {short!r} listed twice")
        seen.add(short)
        LEXICON_ABBREVIATIONS.add(short.casefold())
        if not isinstance(full, str) or full.casefold() not in lexicon:
            error(f"{where}: full form {full!r} of {short!r} is not a lexicon word")
    stats["abbreviations"] = len(abbrs)
    return stats


def check_cross() -> None:
    """Correct organisation forms must not contain flagged words."""
    for entry, form in CORRECT_FORMS:
        for token in re.findall(r"[\w'\u2019.&]+", form):
            word = token.rstrip(".").casefold()
            if word in LEXICON_MISSPELLINGS:
                error(f"organisations.yaml: {form!r} (entry {entry!r}) contains {token!r}, "
                      f"listed in name_words.yaml as a misspelling of "
                      f"{LEXICON_MISSPELLINGS[word]!r}")
            if token.casefold() in LEXICON_ABBREVIATIONS or word in LEXICON_ABBREVIATIONS:
                error(f"organisations.yaml: {form!r} (entry {entry!r}) contains the "
                      f"abbreviation {token!r} listed in name_words.yaml")


def main(argv: list[str]) -> int:
    folder = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    org_stats = check_organisations(os.path.join(folder, "organisations.yaml"))
    word_stats = check_words(os.path.join(folder, "name_words.yaml"))
    check_cross()

    print(f"organisations.yaml: {org_stats.get('_total', 0)} organisations, "
          f"{org_stats.get('_aliases', 0)} aliases, "
          f"{org_stats.get('_misspellings', 0)} misspellings")
    for typ in sorted(TYPES, key=lambda t: (-org_stats.get(t, 0), t)):
        print(f"  {typ:<18} {org_stats.get(typ, 0):>4}")
    print(f"name_words.yaml: {word_stats['words']} words, "
          f"{word_stats['misspellings']} misspellings "
          f"({word_stats['real_word']} real-word), "
          f"{word_stats['abbreviations']} abbreviations")
    if word_stats["dictionary"]:
        print(f"  English word list: {', '.join(word_stats['dictionary'])}")
    elif word_stats["dictionary"] is not None:
        print("  English word list: none found, real-word check SKIPPED "
              "(apt-get install wamerican wbritish)")

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print(f"  - {e}")
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
