"""Near-duplicate sketches: the bottom-k shingle hashes, found without hashing every shingle."""

from __future__ import annotations

import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from searcher.engine import duplicates
from searcher.engine.analysis import surface_words


def every_shingle_hashed(words: list[str]) -> list[int]:
    """The sketch by its definition: every shingle's hash (its first word's rank, then its own
    crc32), the k smallest; words compared lowercased."""
    words = [word.lower() for word in words]
    span = duplicates.SHINGLE_WORDS
    hashes = set()
    for i in range(len(words) - span + 1):
        rank = zlib.crc32(words[i].encode("utf-8")) >> (32 - duplicates._RANK_BITS)
        shingle = zlib.crc32(" ".join(words[i : i + span]).encode("utf-8"))
        hashes.add(rank << (32 - duplicates._RANK_BITS) | shingle >> duplicates._RANK_BITS)
    return sorted(hashes)[: duplicates.SKETCH_SIZE]


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from("a b c d e f g h i j k l m n o p q r s t A B".split()), min_size=25, max_size=400
    )
)
def test_sketch_is_the_bottom_k_of_every_shingle(words: list[str]) -> None:
    # A small vocabulary repeats shingles, so the first candidates often fall short of k.
    lowered = [word.lower() for word in words]  # as `surface_words` gives them
    assert duplicates.sketch(" ".join(words), lowered) == every_shingle_hashed(words)


STORY = (
    "The harbour authority approved the new ferry timetable on Tuesday after months of talks with "
    "the unions, who had warned that early sailings would need more crew. Passengers from the "
    "islands will gain two crossings a day from March, the authority said, and fares stay as "
    "they are until the autumn review. Councillors welcomed the plan but asked for a report on "
    "the older vessels, some of which are forty years old and often out of service in winter."
)


def test_a_lightly_edited_copy_is_the_same_story_and_another_story_is_not() -> None:
    edited = STORY.replace("Tuesday", "Wednesday").replace("two crossings", "three crossings")
    other = " ".join(reversed(STORY.split()))
    original = duplicates.sketch(STORY)
    assert len(original) == duplicates.SKETCH_SIZE
    assert original == duplicates.sketch(STORY, surface_words(STORY))
    assert duplicates.same_story(original, duplicates.sketch(edited))
    assert not duplicates.same_story(original, duplicates.sketch(other))


def test_a_short_body_has_no_sketch() -> None:
    assert duplicates.sketch("Too short to judge: a few words only.") == []
