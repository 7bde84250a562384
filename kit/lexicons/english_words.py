"""Function words that tell English prose from other Latin-script languages.

The language check of a paragraph (:mod:`kit.extract.language`) counts the
English function words and those of Spanish, French, German, Italian, Portuguese and
Dutch; words shared with English ("a", "in", "die", "also") are in neither foreign list.

>>> "the" in FUNCTION_WORDS and "que" in FOREIGN_FUNCTION_WORDS
True
"""

from __future__ import annotations

#: Articles, pronouns, auxiliaries, prepositions and conjunctions of English, lower case.
FUNCTION_WORDS = frozenset(
    """
    the a an and or but if of to in for with from by at as about into over after before
    than then that this these those there here which who whom whose what when where why
    how is are was were be been being am has have had having do does did done will would
    shall should can could may might must not it its he him his she her hers they them
    their theirs we us our ours you your yours i my mine also just only very more most
    some any all each every both other such nor so too up out off again because while
    during against between through under until upon within without
    """.split()  # noqa: SIM905 - a word list reads better as text
)
#: The commonest function words of Spanish, French, German, Italian, Portuguese and Dutch
#: that are not English words (nor "et al.").
FOREIGN_FUNCTION_WORDS = (
    frozenset(
        """
    el la los las que del y en con por para una uno es se su sus lo como más pero
    fue ha han este esta le les des du est une dans pour qui sur au aux avec ce
    cette sont pas il elle ne der das und ist nicht mit dem ein eine zu von sich auf
    für im auch gli della di che è per non sono o os da dos das não em het een van
    niet op voor zijn
    """.split()  # noqa: SIM905
    )
    - FUNCTION_WORDS
)
