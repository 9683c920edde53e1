#!/usr/bin/env python3
"""Speaker sanity in the wild: how many attributed speakers on real pages are not speakers.

Parses every page of SHARED/data/extraction/*/pages/*.html.gz as a user would (`parse_html` on the
page's bytes, quotes found in the article's detected language) and prints, per detected language:
pages, quotes, attributed quotes, the share of speakers that begin with a function word of the
page's language, the share that begin with a function word of any of English, German, French or
Spanish, and the share that the quote finder's own check (`is_valid_speaker`) would refuse. A
speaker made of a determiner and a lowercase role ("the spokesman", "le ministre") is a role, not a
fragment: it is counted apart, as "role phrases", and not as a function-word speaker. Then 30
random speakers to eyeball, and the function words used. Run from the repository root:

    python scripts/eval_speakers.py [--shared ../shared] [--seed 1] [--sample 30]
"""

from __future__ import annotations

import argparse
import gzip
import random
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Function words that never open a name, a role or an organisation (the determiners of role
# phrases are told apart below). Pronouns, conjunctions, prepositions, adverbs and clause openers.
FUNCTION_WORDS = {
    "en": """a about after all also although among an and any as at because before but by can could
        do does during each even every example few for from had has have he her here his how however
        i if in into is it its just many may might more most my no not now of on one only or other our
        over perhaps she should since so some such than that the their them then there these they
        this those though through to under until was we were what when where whether which while who
        why will with within without would yet you your""",
    "de": """aber alle als also am an auch auf aus bei bis da das dass dem den denn der des die dies
        diese dieser doch du durch ein eine einem einen einer er es für gegen hier ich ihr im in ist
        ja jetzt kein man mit nach nicht noch nun nur ob oder ohne schon sein sich sie so und uns
        unter vom von vor wann war warum was weil wenn wer wie wir wo zu zum zur über""",
    "fr": """à au aux avec car ce cela ces cet cette chez comme dans de des donc du elle elles en
        et il ils je la le les leur lors mais ne ni nous on or ou où par pas pour quand que qui sa
        sans se selon ses si son sur toi tous tout très tu un une vous y""",
    "es": """a al aunque como con cuando de del desde donde el ella ellos en entre era es esa ese
        esta este esto ha hay la las le les lo los me mi mientras muy ni no nos o para pero por que
        qué se si sin sobre su sus también tu un una y ya yo""",
}
FUNCTION_SETS = {lang: frozenset(words.split()) for lang, words in FUNCTION_WORDS.items()}
ANY_FUNCTION = frozenset().union(*FUNCTION_SETS.values())
DETERMINERS = frozenset(
    "the a an one his her their its our this that der die das ein eine le la les un une l' el los las una".split()
)


def first_word(speaker: str) -> str:
    word = speaker.split()[0].lower()
    return word.strip(".,;:!?\"'“”«»()")


LINKS = frozenset("of for at de d' von vom del du des der la le".split())


def is_role_phrase(speaker: str, lang: str) -> bool:
    """ "the spokesman", "der Minister", "un proche d'Edouard Philippe": a determiner, then words
    (no function word but a link such as "of" or "de", no stray punctuation)."""
    words = speaker.split()
    if len(words) < 2 or words[0].lower() not in DETERMINERS:
        return False
    rest = [w.lower() for w in words[1:]]
    function = FUNCTION_SETS.get(lang, ANY_FUNCTION)
    return all(w[:1].isalnum() and (w not in function or w in LINKS) for w in rest)


def pages(shared: Path) -> list[Path]:
    return sorted((shared / "data" / "extraction").glob("*/pages/*.html.gz"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    ap.add_argument("--seed", type=int, default=1, help="seed of the random sample of speakers")
    ap.add_argument("--sample", type=int, default=30, help="speakers listed for eyeballing")
    ap.add_argument("--all-bad", action="store_true", help="list every speaker counted as bad")
    args = ap.parse_args()

    import searcher.parse.quotes as quotes
    from searcher.parse import parse_html

    # (a build from before the check refuses nothing: its figures can be compared all the same)
    is_valid_speaker = getattr(quotes, "is_valid_speaker", lambda speaker: True)

    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])
    speakers: list[tuple[str, str]] = []
    bad: list[tuple[str, str, str]] = []
    for path in pages(args.shared):
        article = parse_html(gzip.decompress(path.read_bytes()))
        lang = article.language or "?"
        row = stats[lang]
        row[0] += 1
        for quote in article.quotes:
            row[1] += 1
            speaker = quote.speaker
            if not speaker:
                continue
            row[2] += 1
            speakers.append((lang, speaker))
            if is_role_phrase(speaker, lang):
                row[6] += 1
                continue
            word = first_word(speaker)
            own = word in FUNCTION_SETS.get(lang, ANY_FUNCTION)
            row[3] += own
            row[4] += word in ANY_FUNCTION
            refused = not is_valid_speaker(speaker)
            row[5] += refused
            if own or word in ANY_FUNCTION or refused:
                bad.append((lang, speaker, path.name))

    print("lang  pages  quotes  attributed  fw(own lang)  fw(any of 4)  refused by check  role phrases")
    total = [0] * 7
    for lang in sorted(stats, key=lambda k: -stats[k][0]):
        row = stats[lang]
        total = [a + b for a, b in zip(total, row, strict=True)]
        print(_row(lang, row))
    print(_row("all", total))
    attributed = total[2] or 1
    print(
        f"\nspeaker sanity: {total[3] / attributed:.1%} of attributed speakers begin with a function word of "
        f"the page's language; {(total[3] + total[6]) / attributed:.1%} counting the role phrases a "
        "determiner opens ('the spokesman', 'der Minister'), which are roles, not fragments"
    )
    rng = random.Random(args.seed)
    print(f"\n{min(args.sample, len(speakers))} random speakers:")
    for lang, speaker in rng.sample(speakers, min(args.sample, len(speakers))):
        print(f"  [{lang}] {speaker}")
    shown = bad if args.all_bad else bad[:30]
    print(f"\nspeakers counted as bad ({len(bad)}{', first 30' if not args.all_bad else ''}):")
    for lang, speaker, name in shown:
        print(f"  [{lang}] {speaker!r}  ({name})")
    print("\nfunction words used (a speaker's first word):")
    for lang, words in FUNCTION_SETS.items():
        print(f"  {lang}: {' '.join(sorted(words))}")


def _row(lang: str, row: list[int]) -> str:
    attributed = row[2] or 1
    return (
        f"{lang:4}  {row[0]:5}  {row[1]:6}  {row[2]:10}  {row[3]:5} {row[3] / attributed:6.1%}"
        f"  {row[4]:5} {row[4] / attributed:6.1%}  {row[5]:7} {row[5] / attributed:6.1%}"
        f"  {row[6]:5} {row[6] / attributed:6.1%}"
    )


if __name__ == "__main__":
    main()
