"""Language-neutral helpers over spaCy dependency parses.

The English pipeline uses ClearNLP labels (nsubj, dobj, prep/pobj, agent, neg ...), the French one
Universal Dependencies (nsubj, obj, obl + case, obl:agent, iobj ...). The extractor asks these
helpers for "the subject", "the object", "the object of preposition X", so the trigger rules in the
lexicons stay the same shape in both languages.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

#: French contracted articles that spaCy leaves as the case word.
PREP_NORMAL = {"du": "de", "des": "de", "d'": "de", "d’": "de", "au": "à", "aux": "à", "a": "à"}
SUBJ = frozenset({"nsubj", "csubj", "expl:subj"})
PASS_SUBJ = frozenset({"nsubjpass", "nsubj:pass", "csubjpass"})
OBJ = frozenset({"dobj", "obj"})
OBLIQUE = frozenset({"obl", "obl:arg", "obl:mod", "nmod", "obl:agent", "iobj", "nmod:poss"})
CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "acl:relcl", "conj", "parataxis"})
#: Verbs whose object is the subject of their open complement ("asked France to withdraw").
OBJECT_CONTROL = frozenset({"help", "ask", "urge", "order", "allow", "force", "invite",
                            "encourage", "persuade", "tell", "aider", "inviter", "pousser",
                            "autoriser", "obliger", "contraindre", "exhorter"})
REL_PRONOUNS = frozenset({"which", "that", "who", "whom", "qui", "que", "lequel", "laquelle"})
#: Nouns for a text or an act that speaks for its author: a participle on them is the author's
#: act ("the opposition issued a statement condemning X", "a rally calling for Y").
AUTHORED_NOUNS = frozenset(
    {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "report",
     "message", "note", "motion", "petition", "appeal", "decree", "bill", "speech", "editorial",
     "demonstration", "protest", "rally", "march", "campaign", "déclaration", "lettre",
     "résolution", "rapport", "décret", "manifestation", "marche", "appel", "texte"}
)  # fmt: skip


def prep_lemma(tok: Token) -> str:
    low = tok.lower_
    if tok.pos_ == "ADP":  # prepositions do not inflect ("entre" is not the verb "entrer")
        return PREP_NORMAL.get(low, low)
    return PREP_NORMAL.get(low, PREP_NORMAL.get(tok.lemma_.lower(), tok.lemma_.lower()))


def is_passive(v: Token) -> bool:
    """Passive voice; not a French pronominal verb the parser labelled passive ("les troupes se
    sont retirées": the troops withdrew, ``expl:pass`` "se" with no agent)."""
    if any(c.dep_ == "expl:pass" for c in v.children) and not agents(v):
        return False
    if v.pos_ == "ADJ" and not agents(v):
        return False  # "Moscow was prepared to help": an adjective, not a passive verb
    return any(c.dep_ in PASS_SUBJ or c.dep_ in ("auxpass", "aux:pass") for c in v.children)


def subjects(v: Token) -> list[Token]:
    """Grammatical subjects of an active verb, or the agent ("by X", "par X") of a passive one."""
    if is_passive(v):
        return agents(v)
    return [c for c in v.children if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ]


def agents(v: Token) -> list[Token]:
    out: list[Token] = []
    for c in v.children:
        if c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "obl:agent" or (c.dep_ in OBLIQUE and case_of(c) == "par"):
            out.append(c)
    return out


#: French quantity nouns after a partitive "des" ("des dizaines de civils").
QUANTITY_NOUNS = frozenset({"dizaine", "dizaines", "centaine", "centaines", "millier", "milliers",
                            "million", "millions"})
#: Quantity words whose "of"-complement is the real object ("most of its aid").
QUANTIFIERS = frozenset({"most", "part", "some", "all", "much", "portion", "bulk", "rest",
                         "partie", "essentiel", "reste", "totalité", "majorité"})


def objects(v: Token) -> list[Token]:
    """Direct objects of an active verb, or the grammatical subject of a passive one.

    A quantity word stands aside for its complement: "suspended most of its aid" -> aid.
    """
    if is_passive(v):
        found = [c for c in v.children if c.dep_ in PASS_SUBJ]
    else:
        found = [c for c in v.children if c.dep_ in OBJ]
    if not found and v.dep_ in ("relcl", "acl:relcl") and any(
            c.dep_ in SUBJ for c in v.children):
        found = [v.head]  # "a charge the Malian government denies": the charge is denied
    if not found:
        # "ont tué des dizaines de civils": the partitive article read as a preposition
        found = [c for c in v.children if c.dep_ == "obl:arg" and c.lemma_.lower() in QUANTITY_NOUNS
                 and any(x.dep_ == "case" and x.lower_ == "des" for x in c.children)]
    out: list[Token] = []
    for o in found:
        if o.lemma_.lower() in QUANTIFIERS:
            inner = prep_objects(o, "of") + prep_objects(o, "de")
            out.extend(inner or [o])
        else:
            out.append(o)
    return out


def datives(v: Token) -> list[Token]:
    out = [c for c in v.children if c.dep_ in ("dative", "iobj")]
    # "gave Mali helicopters" is fine; French "a livré au Mali" is obl:arg with case à
    out += [c for c in v.children if c.dep_ in ("obl:arg",) and case_of(c) == "à"]
    return out


def case_of(tok: Token) -> str | None:
    """The preposition ("case" child) of a French oblique / nominal modifier."""
    for c in tok.children:
        if c.dep_ == "case":
            return prep_lemma(c)
        if c.dep_ == "fixed":
            continue
    return None


def prep_objects(tok: Token, prep: str) -> list[Token]:
    """Heads of the noun phrases governed by preposition ``prep`` under ``tok``."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and prep_lemma(c) == prep:
            if not any(True for _ in c.children):
                out.extend(dangling_object(c))
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append(g)
                elif g.dep_ == "prep":  # "out of", "away from"
                    out.extend(h for h in g.children if h.dep_ == "pobj")
        elif c.dep_ == "prt":  # "handing it back to Eritrea": the particle holds the phrase
            out.extend(g for p in c.children if p.dep_ == "prep" and prep_lemma(p) == prep
                       for g in p.children if g.dep_ == "pobj")
        elif c.dep_ == "agent" and prep == "by":
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in OBLIQUE and case_of(c) == prep:
            out.append(c)
        elif prep == "auprès" and c.dep_ in OBLIQUE and case_of(c) in ("auprès",):
            out.append(c)
    return out


#: Dependents inside a noun phrase, before its head.
NP_INNER = frozenset({"det", "nummod", "amod", "compound", "poss", "case", "quantmod", "advmod",
                      "nmod", "punct", "flat", "flat:name"})


def dangling_object(prep: Token, span: int = 8) -> list[Token]:
    """The noun phrase right after a preposition the parser left without an object ("granted
    asylum to five Panamanian army officers holed up ...": officers hung as the subject of the
    next verb): the first noun of that phrase that is not a modifier."""
    doc = prep.doc
    end = min(prep.sent.end, prep.i + 1 + span)
    for j in range(prep.i + 1, end):
        t = doc[j]
        if t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") or t.text in (",", ";", ":"):
            return []
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in NP_INNER:
            return [t]
    return []


def particles(v: Token) -> set[str]:
    """Particles and bare prepositions of a verb ("pull out", "call on")."""
    return {c.lemma_.lower() for c in v.children
            if c.dep_ in ("prt", "prep", "compound:prt", "advmod")}


def possessors(n: Token) -> list[Token]:
    return [c for c in n.children if c.dep_ in ("poss", "nmod:poss")]


def adjectival_modifiers(n: Token) -> list[Token]:
    return [c for c in n.children if c.dep_ in ("amod", "compound", "nmod") and not case_of(c)]


def has_mark(clause: Token, words: Collection[str]) -> bool:
    """Whether ``clause`` is introduced by one of ``words`` ("unless", "that", "que")."""
    return any(m.dep_ == "mark" and m.lower_ in words for m in clause.children)


def open_complements(v: Token) -> list[Token]:
    return [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]


def ancestors_in_clause(tok: Token, max_depth: int = 4) -> Iterator[Token]:
    """Heads above ``tok``, stopping at the root or after ``max_depth`` steps."""
    cur = tok
    for _ in range(max_depth):
        if cur.head.i == cur.i:
            return
        cur = cur.head
        yield cur


def structural_verb(tok: Token) -> Token:
    """The token carrying a trigger's arguments.

    The small French model sometimes tags a past participle as an adverb hanging off the
    auxiliary ("a expulsé" -> expulsé/advmod under a/ROOT); the arguments then sit on the
    auxiliary.
    """
    if tok.dep_ in ("advmod", "amod", "obj", "xcomp", "fixed") and tok.head.lemma_ in (
            "avoir", "être"):
        return tok.head
    return tok


def relative_antecedent(v: Token) -> Token | None:
    """For a verb in a relative clause whose subject is a relative pronoun: the modified noun."""
    if v.dep_ in ("relcl", "acl:relcl"):
        return v.head
    return None


def find_subjects(v: Token, max_depth: int = 4) -> tuple[list[Token], bool]:
    """Subjects of ``v``, inherited from governing verbs for xcomp/conj/advcl when missing.

    Returns (subjects, inherited).
    """
    cur = v
    inherited = False
    for _ in range(max_depth):
        subs = subjects(cur)
        if subs:
            rel = [s for s in subs if s.lower_ in REL_PRONOUNS]
            if rel and (ante := relative_antecedent(cur)) is not None:
                return [ante], True
            return subs, inherited
        if is_passive(cur):
            break  # "the ambassador was expelled": no agent, nothing to inherit
        if cur.dep_ == "ROOT":
            # "Le capitaine X, arrivé au pouvoir en 2022, avait exigé ...": the parser hung the
            # subject on the participial clause before the verb
            early = [s for c in cur.children if c.dep_ == "advcl" and c.i < cur.i
                     for s in c.children if s.dep_ in SUBJ and s.i < c.i]
            if early:
                return early, True
            break
        if (cur.dep_ == "acl" and cur.head.lemma_.lower() in AUTHORED_NOUNS
                and (cur.tag_ == "VBG" or "Pres" in cur.morph.get("Tense"))):
            # "issued a statement condemning X": the subject of the verb above the noun
            for anc in ancestors_in_clause(cur.head, max_depth=3):
                if anc.pos_ in ("VERB", "AUX"):
                    subs = subjects(anc)
                    if subs and cur.head not in subs:
                        return subs, True
        if cur.dep_ in ("relcl", "acl:relcl", "acl"):
            return [cur.head], True
        if cur.dep_ == "pcomp" and cur.head.head.i != cur.head.i:
            cur = cur.head.head  # "left without meeting X": meeting <- without <- left
            inherited = True
            continue
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in cur.head.children if c.dep_ in OBJ]
            if objs:  # "helped the Malian army retake Kidal": the army retakes
                return objs, True
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and cur.head.i != cur.i:
            cur = cur.head
            inherited = True
            # a verb the parser coordinated with a noun ("expelled the envoy and withdrew"):
            # climb from that noun to its verb
            while (cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in OBJ | OBLIQUE
                   and cur.head.i != cur.i):
                cur = cur.head
            continue
        break
    return [], inherited
