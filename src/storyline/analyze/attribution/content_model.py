"""Which words signal an attribution, and what each one takes as its content.

A cue is the word (or short phrase) that links a source to what it said, thought or wanted:
"said", "warned", "insisted on", "according to", "her claim that". The lexicon below follows
the PolNeAR guidelines (statements, beliefs, intentions, evidence) and frames direct quotes;
for reported speech, whether a word is a cue is `cue_model`'s call. The parse decides which
dependents of the cue are its content, so the same rules serve "said that …", "wants to …",
"insisted on …" and "criticized X for …".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.analyze.attribution.weights import decides

# Verbs of saying, thinking, wanting and showing: lemmas as spaCy's lemmatizer gives them.
SPEECH_VERBS = frozenset("""
    say tell add write ask note report announce suggest tweet describe argue explain believe
    think acknowledge declare claim insist warn emphasize emphasise stress mention propose
    predict promise vow pledge reveal confirm deny admit state assert contend maintain recall
    reply respond answer urge call accuse criticize criticise praise blame know show find
    indicate hope want plan expect fear worry agree conclude threaten demand inform estimate
    complain joke quip concede boast brag charge allege testify reiterate caution counter
    observe remark comment wonder hint signal order rule decide recommend advise question
    dismiss reject refuse decline seek intend prefer wish welcome endorse support oppose defend
    attack slam blast mock condemn celebrate applaud thank apologize apologise express suspect
    doubt guess assume feel realize realise learn hear see read speculate mean recount disclose
    divulge confess proclaim preach pray shout yell scream cry whisper decry lament lambaste
    chide scold rebuke tout hail laud cite imply reckon figure forecast project surmise posit
    theorize stipulate specify instruct direct command request beg plead invite encourage
    persuade convince remind assure reassure guarantee swear notice discover determine
""".split())

# Prepositions that join a cue to its content: "insisted on", "warned of", "called for".
CUE_PREPOSITIONS = {
    "insist": {"on"}, "call": {"for", "on"}, "warn": {"of", "about", "against"},
    "speak": {"about", "of"}, "talk": {"about"}, "complain": {"about", "of"},
    "argue": {"for", "against"}, "push": {"for"}, "press": {"for"}, "advocate": {"for"},
    "ask": {"for", "about"}, "hope": {"for"}, "criticize": {"for"}, "blame": {"for"},
    "praise": {"for"}, "accuse": {"of"}, "agree": {"on", "with"}, "comment": {"on"},
    "focus": {"on"}, "boast": {"about", "of"}, "joke": {"about"}, "write": {"about"},
    "testify": {"about"}, "question": {"about"}, "refer": {"to"}, "point": {"to"},
}

# For cues the lexicon does not know, the prepositions that most often introduce content.
GENERAL_CUE_PREPOSITIONS = {"about", "on", "for", "against", "of", "by", "with", "over", "to"}

# Prepositions after the content that set the scene ("endorsed Clinton during a call on Tuesday")
# rather than say more of what was attributed.
SETTING_PREPOSITIONS = {"during", "at", "in", "on", "after", "before", "since", "until", "amid", "while"}

# Nouns of saying: "his claim that …", "the statement said …", "a warning that …".
SPEECH_NOUNS = frozenset("""
    statement claim view warning announcement belief concern promise pledge proposal argument
    assertion suggestion opinion accusation criticism allegation threat insistence vow demand
    remark comment message call plea hope fear worry doubt conclusion prediction testimony
    admission denial confirmation assurance
""".split())

EMPTY_SUBJECTS = {"it", "there"}
CONTENT_MODEL = "content_model"
# Verbs whose subject is part of what is judged, not a source ("Trump seems to have learned").
RAISING_VERBS = {"seem", "appear"}


@dataclass(frozen=True)
class CueMatch:
    """A cue found in the parse: cue tokens, content tokens, and where to look for the speaker."""

    cue: list[Token]
    content: list[Token]
    anchor: Token  # the token whose subject (or agent, or possessor) names the speaker


def _subtree_tokens(token: Token) -> list[Token]:
    return list(token.subtree)


def verb_content(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """(extra cue tokens, content tokens) for a cue verb, or None when it has nothing attributed:
    a clause before it ("…, he said"), its complements after it, the clause it interrupts or
    introduces ("As the Post reported, …"), or the subject of a passive."""
    before = [child for child in verb.lefts if child.dep_ == "ccomp"]
    if before:
        return [], _subtree_tokens(before[-1])
    right = _right_complements(verb)
    if right and verb.lemma_ in RAISING_VERBS:  # "They appear to be unanimous": nobody says so
        subject = [tok for c in verb.lefts if c.dep_ == "nsubj" for tok in c.subtree]
        return right[0], subject + right[1]
    if right:
        return right
    if verb.dep_ == "parataxis" or _is_as_clause(verb):
        # "Many courses, he said, have closed", "As the Post reported, …": the clause around the cue
        inside = {tok.i for tok in verb.subtree}
        return [], [tok for tok in verb.head.subtree if tok.i not in inside]
    subject = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.pos_ != "PRON":
        return [], _subtree_tokens(subject)  # "The ban was first reported by BuzzFeed", "X was mentioned"
    return None


def _addressee_then_clause(following: list[Token]) -> bool:
    """"told reporters that …", "warned voters the economy …": an object followed by a clause is
    who was spoken to, not what was said."""
    return any(tok.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)
               for tok in following)


def first_complement(verb: Token) -> tuple[list[Token], Token | None, list[Token], list[Token]]:
    """(extra cue tokens, first complement, its content, the dependents after it): the first
    complement is a clause, infinitive or object, or the object of a cue preposition, which
    joins the cue ("insisted on")."""
    allowed = CUE_PREPOSITIONS.get(verb.lemma_.lower(), GENERAL_CUE_PREPOSITIONS)
    extra_cue: list[Token] = []
    rights = list(verb.rights)
    clause_at = next((n for n, child in enumerate(rights) if child.dep_ == "ccomp"), -1)
    for n, child in enumerate(rights):
        if child.dep_ == "prep" and n < clause_at:
            continue  # "said on Tuesday that …", "insisted at the rally that …": the setting
        is_object = (child.dep_ == "dobj" and child.lower_ not in EMPTY_SUBJECTS
                     and not _addressee_then_clause(rights[n + 1 :]))
        content = []
        if child.dep_ in ("ccomp", "xcomp", "oprd") or is_object:
            content = _subtree_tokens(child)
        elif child.dep_ == "prep" and child.lower_ in allowed:
            extra_cue.append(child)
            content = [tok for grand in child.children if grand.dep_ in ("pobj", "pcomp") for tok in grand.subtree]
        if content:
            return extra_cue, child, content, [tok for tok in rights[n + 1 :] if tok.dep_ != "punct"]
    return extra_cue, None, [], []


def _is_as_clause(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _right_complements(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """Content from the first complement after the verb, then each dependent after it for as
    long as the content model says it still belongs: "explained details of the plan to …"
    stays whole, "endorsed Clinton during a call on Tuesday" stops at the setting."""
    extra_cue, first, content, trailing = first_complement(verb)
    if first is None:
        return None
    for child in trailing:
        if not decides(CONTENT_MODEL, trailing_features(verb, first, child)):
            break
        content += _subtree_tokens(child)
    return extra_cue, content


def trailing_features(verb: Token, first: Token, child: Token) -> list[str]:
    """Parse facts about a dependent that follows a cue's first complement, for the content
    model: whether "after he swept seven states" or "to resolve the dispute" is still content."""
    word = child.lower_ if child.dep_ in ("prep", "advmod", "cc", "mark", "agent", "dative") else "-"
    mark = next((g.lower_ for g in child.children if g.dep_ in ("mark", "aux") and g.i < child.i), "-")
    before = child.doc[child.left_edge.i - 1].text if child.left_edge.i > 0 else "<start>"
    size = len(list(child.subtree))
    lemma = verb.lemma_.lower()
    return [
        f"dep={child.dep_}", f"dep|word={child.dep_}|{word}", f"first={first.dep_}",
        f"first|dep={first.dep_}|{child.dep_}", f"verb|dep={lemma}|{child.dep_}", f"verb|word={lemma}|{word}",
        f"comma_before={before == ','}", f"comma|dep={before == ','}|{child.dep_}", f"mark={mark}",
        f"dep|mark={child.dep_}|{mark}", f"size={min(size, 8) if size < 8 else '8+' if size < 20 else '20+'}",
        f"has_subject={any(g.dep_ in ('nsubj', 'nsubjpass') for g in child.children)}",
        f"setting={child.lower_ in SETTING_PREPOSITIONS}", f"tag={child.tag_}",
    ]


def noun_content(noun: Token) -> list[Token] | None:
    """Content of a speech noun: its that-clause ("the claim that …"), its infinitive ("the
    promise to …") or its about-phrase."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "appos") and any(g.lower_ in ("that", "to") and g.i < child.i
                                                            for g in child.children):
            return _subtree_tokens(child)  # "the claim that …", "his promise to build a wall"
        if child.dep_ == "prep" and child.lower_ in ("about", "on", "of", "for", "against"):
            objects = [grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")]
            if objects and noun.lemma_.lower() != "call":
                return [tok for obj in objects for tok in obj.subtree]
    return None


def according_to(token: Token) -> CueMatch | None:
    """'According to X, …': X is the speaker, the clause it modifies is the content."""
    if token.lower_ != "according":
        return None
    to = next((child for child in token.children if child.lower_ == "to"), None)
    if to is None or not any(child.dep_ == "pobj" for child in to.children):
        return None
    return CueMatch(cue=[token, to], content=_clause_around(token), anchor=to)


def _clause_around(modifier: Token) -> list[Token]:
    """The clause a sentence modifier ("according to Y", "reportedly") attributes, without it:
    all of "X, according to Y." when it hangs from the root."""
    head = modifier.head
    scope = head.sent if head == head.sent.root else head.subtree
    excluded = {tok.i for tok in modifier.subtree}
    return [tok for tok in scope if tok.i not in excluded]


# "The FBI is reportedly making arrangements …": a claim passed on with no source named.
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "reputedly", "supposedly"}
POLL_NOUNS = {"poll", "survey"}
# Words that are cues by their construction alone, whatever the cue model says.
CONSTRUCTION_CUES = HEARSAY_ADVERBS | {"in"}


def hearsay(token: Token) -> CueMatch | None:
    """'X reportedly did Y': the clause the adverb modifies is the content; there is no speaker."""
    if token.lower_ not in HEARSAY_ADVERBS or token.dep_ != "advmod":
        return None
    if not _modifies_a_clause(token):
        return None  # a misparse: the claim needs a clause with its subject
    return CueMatch(cue=[token], content=_clause_around(token), anchor=token)


def poll_finding(token: Token) -> CueMatch | None:
    """'In the latest Fox poll, Kasich was at 25 percent': the poll is the source of the clause.
    Only fronted: "mired in single digits in the polls" reports no finding."""
    if token.lower_ != "in" or token.dep_ != "prep" or token.i > token.head.i or not _modifies_a_clause(token):
        return None
    if not any(child.dep_ == "pobj" and child.lemma_.lower() in POLL_NOUNS for child in token.children):
        return None
    return CueMatch(cue=[token], content=_clause_around(token), anchor=token)


def _modifies_a_clause(modifier: Token) -> bool:
    head = modifier.head
    return head.pos_ in ("VERB", "AUX") and any(child.dep_ in ("nsubj", "nsubjpass") for child in head.children)


def find_cue(token: Token) -> CueMatch | None:
    """The attribution this token would cue: its content and where its speaker is; None when
    the parse gives it nothing to attribute. Whether it is a cue at all is `cue_model`'s call."""
    match = according_to(token) or hearsay(token) or poll_finding(token)
    if match:
        return match
    if token.pos_ in ("VERB", "ADJ"):
        found = verb_content(token)
        if found:
            extra_cue, content = found
            return CueMatch(cue=[token, *extra_cue], content=content, anchor=token)
    if token.pos_ == "NOUN":
        content = noun_content(token)
        if content:
            return CueMatch(cue=[token], content=content, anchor=token)
    return None
