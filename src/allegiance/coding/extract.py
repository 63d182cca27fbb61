"""From a parsed sentence to PLOVER events: triggers, arguments, actors, flags, date and place.

For each sentence:

1. Actor mentions are found by the actor dictionary (countries, demonyms, capitals, organisations,
   armed groups, persons, sector nouns).
2. Trigger verbs and nouns are looked up in the language's lexicon (``data/lexicon/*.yaml``).
   A trigger inside the complement of a *container* trigger ("asked France **to withdraw**",
   "threatened **to expel**", "demanded **the withdrawal**") is not coded on its own: the
   request/threat is the event.
3. For each trigger, its rules are tried in order; a rule names the argument slots where its source
   and target are (subject, object, dative, object of a preposition, possessor, demonym modifier,
   subject of the governing verb for nominal events). Coordinated arguments give one event each;
   reciprocal triggers with a coordinated subject and no target give one event per ordered pair.
4. Flags: negated ("did not sign", "n'a pas signé"), planned (future auxiliary or tense, planning
   verb above, "planned"/"upcoming" modifiers), reported (under a speech verb, "according to").
5. The date expression nearest the trigger is resolved against the publication date; none gives
   the publication date with precision ``publication``. The nearest located place not used as an
   actor becomes the event's place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..models import Actor, Event, Place, ResolvedDate
from . import syntax as sx
from .intensity import intensity
from .lexicon import Lexicon, Rule, fold

#: Words that make a plural people noun a crowd of civilians (``_crowd_of``).
CROWD_WORDS = frozenset(
    {"thousands", "hundreds", "dozens", "scores", "tens", "millions", "young", "angry",
     "ordinary", "many", "several", "milliers", "centaines", "dizaines", "jeunes", "nombreux"}
)  # fmt: skip
#: Heads that name a part or a stretch of their "of" complement ("part of the aid", "ten days of
#: war games", "une partie de l'aide").
PARTITIVE_NOUNS = frozenset({"part", "some", "most", "all", "half", "portion", "bulk", "rest",
                             "day", "days", "week", "weeks", "round", "series", "wave",
                             "partie", "moitié", "reste", "ensemble", "jours", "série",
                             # quantities ("20 tonnes of medical supplies", "thousands of troops")
                             "ton", "tons", "tonne", "tonnes", "dozen", "dozens", "hundreds",
                             "thousands", "millions", "hundred", "thousand", "million",
                             "batch", "shipment", "consignment", "load", "millier",
                             "cargo", "quantity", "amount", "centaine",
                             "centaines", "milliers", "cargaison", "quantité", "dizaine",
                             "dizaines"})
#: A border named after a neighbour ("its border with Guyana", "sa frontière avec le Mali"): the
#: neighbour is who troops sent there face (CAMEO 15, exhibit force posture -> MOBILIZE).
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "frontière", "frontières"})
#: Planning verbs of readiness: an attack prepared is a mobilization (PLOVER MOBILIZE).
PREPARE_VERBS = frozenset({"prepare", "préparer", "apprêter"})
#: Acts that, stated as intended, are PLOVER AGREE (promise) or THREATEN (threat): see ``intent``.
INTENT_COOPERATIVE = frozenset({"AID", "COOPERATE", "SUPPORT", "CONCEDE", "RETREAT", "CONSULT"})
INTENT_HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT"})
SUBJ_PRONOUNS = frozenset({"it", "they", "il", "elle", "ils", "elles", "them"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "lui"})
#: Nouns that point back at an earlier act ("rejected the decision", "a rejeté cette demande"):
#: their author is the source of the previous event.
ANAPHORIC_NOUNS = frozenset(
    {"decision", "demand", "accusation", "allegation", "claim", "request", "proposal",
     "ultimatum", "move", "statement", "announcement", "charge", "décision", "demande",
     "exigence", "requête", "proposition", "annonce", "déclaration", "mesure"}
)  # fmt: skip
DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "ce", "cet", "cette", "ces"})
COUNTRY_NOUNS = frozenset({"country", "pays", "nation"})
#: Nouns for a country's ruling body, remembered together: "the military rulers in Bamako" ...
#: "the junta" refer to one government.
RULING_NOUNS = frozenset(
    {"junta", "juntas", "military junta", "ruling junta", "military government", "regime",
     "military regime", "military rulers", "military leaders", "military authorities",
     "junte", "juntes", "junte militaire", "junte au pouvoir", "régime", "régime militaire",
     "autorités militaires", "putschistes", "putschists", "coup leaders"}
)  # fmt: skip
ORG_NOUNS = frozenset({"bloc", "organisation", "organization", "body", "community", "grouping",
                       "organisme", "communauté", "institution"})
NAMING_VERBS = frozenset({"know", "call", "name", "dub", "connaître", "appeler", "nommer"})
CONTEXT_PLACE_SECTORS = frozenset({"CVL", "REB", "OPP", "COP", "INS"})
#: Sectors of domestic actors: with no country of their own in a text that names a single
#: country, they are that country's ("Opposition groups in Zimbabwe demanded that President
#: Mugabe ...": ZWE GOV).
DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "COP", "OPP", "LEG", "JUD", "CVL", "REB", "PTY", "INS",
                              "LAB", "MED", "BUS", "REL", "SPY", "CRM", "ELI", "HLH"})
#: Domestic challengers of a state, and the state's own sectors (see ``_resolve``).
CHALLENGER_SECTORS = frozenset({"REB", "OPP", "INS", "CVL", "LAB", "PTY", "HLH"})
STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "SPY"})
#: Help and appeals often go to rebels abroad: no home-country guess for their target.
ABROAD_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE", "AGREE", "CONSULT", "REQUEST"})
PROTESTER_NOUNS = frozenset({"protester", "protestor", "demonstrator", "marcher", "rioter",
                             "manifestant", "protestataire", "émeutier"})
#: Things hit or seized in a place ("shelled positions near Rafah"): they stand for its people.
PLACE_TARGET_NOUNS = frozenset(
    {"target", "village", "town", "home", "house", "camp", "position", "area", "neighbourhood",
     "neighborhood", "district", "market", "bus", "car", "school", "hospital", "mosque",
     "church", "building", "settlement", "farm", "city", "street", "site", "quartier",
     "marché", "maison", "domicile", "école", "hôpital", "mosquée", "église", "cible",
     "localité", "ville"}
)  # fmt: skip
#: Where a protest's aim is read (``_protest_aim``).
AIM_PREPS = ("of", "for", "against", "at", "to", "over", "de", "contre", "pour", "à")
AIM_VERBS = frozenset(
    {"protest", "demand", "call", "denounce", "condemn", "oppose", "show", "express", "voice",
     "urge", "reject", "criticise", "criticize", "decry", "defy", "demander", "réclamer",
     "exiger", "dénoncer", "protester", "appeler", "condamner", "contester", "rejeter",
     "exprimer", "montrer", "marquer", "opposer", "fustiger", "conspuer"}
)  # fmt: skip
AIM_NOUNS = frozenset({"defiance", "protest", "opposition", "disapproval", "anger", "outrage",
                       "removal", "resignation", "departure", "ouster", "release", "end",
                       "signe", "protestation", "départ", "démission", "fin"})
INNER_PREPS = ("to", "against", "in", "with", "on", "from", "for", "toward", "towards", "between",
               "à", "en", "contre", "dans", "avec", "pour", "vers", "envers", "entre")
NOTE_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj", "pobj", "appos", "ROOT",
                       "obl", "obl:arg", "obl:mod", "iobj", "nmod", "dative"})
POSS_PRONOUNS = frozenset({"its", "their", "his", "her", "son", "sa", "ses", "leur", "leurs"})
PHRASE_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod:poss", "appos", "flat", "flat:name", "flat:foreign",
     "nummod", "case", "fixed", "det", "nmod", "prep", "pobj", "dep"}
)  # fmt: skip
PHRASE_PREPS = frozenset({"of", "de"})
#: A clause that states the purpose of an act ("met to discuss", "se sont réunis pour
#: discuter"): the same act when it codes the same event (a coordinated verb may be another act:
#: "bring its ambassador home and withdraw its soldiers").
PURPOSE_DEPS = frozenset({"advcl", "xcomp"})
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "INS", "PMC", "UAF", "SPY", "CRM"})
#: What a state owns and others strike or violate ("its border post", "its airspace").
OWNED_TARGET_NOUNS = frozenset({"post", "outpost", "base", "airspace", "territory", "waters",
                                "position", "positions", "checkpoint", "convoy", "ship", "vessel",
                                "vessels", "embassy", "consulate", "sovereignty", "border"})
#: A call for one of these is itself a protest.
STRIKE_NOUNS = frozenset({"strike", "protest", "demonstration", "boycott", "sit-in", "march",
                          "grève", "manifestation", "marche"})
#: A former office holder is one of the elites (CAMEO ELI), no longer the government.
FORMER_WORDS = frozenset({"former", "deposed", "ousted", "toppled", "exiled", "overthrown",
                          "ancien", "ancienne", "déchu", "déchue", "renversé", "renversée"})
#: "US-led forces", "a Greek-owned tanker", "a Liberian-flagged ship": the leader's, the owner's.
OWNER_PARTICIPLES = frozenset({"lead", "own", "flag", "register", "operate", "run"})
LOCATIVE_PREPS = frozenset({"in", "at", "à", "en", "dans"})
LOCATIVE_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "à", "au", "en", "dans", "près",
                                  "vers", "from", "de", "du", "to", "into"})
PERSON_NOUNS = frozenset(
    {"minister", "president", "ambassador", "envoy", "delegation", "counterpart", "leader",
     "chief", "commander", "general", "head",
     "premier", "chancellor", "king", "secretary", "spokesman", "spokeswoman", "ministre",
     "président", "ambassadeur", "délégation", "homologue", "chef", "dirigeant", "émissaire",
     "envoyé", "porte-parole"}
)  # fmt: skip
#: Types of a hostile act: committing to one ("vowed to attack", "is ready to impose
#: sanctions") is a threat, committing to anything else an agreement.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})
ACTOR_CONDITIONS = frozenset({"target_kind", "source_sector", "has_target"})
#: Restrictions put on a place ("imposed a curfew in Cizre") fall on the people living there.
PLACE_TARGET_TYPES = frozenset({"COERCE", "CONCEDE", "THREATEN"})
#: Material acts whose target may be a place the gazetteer knows but the actor dictionary does
#: not ("sent supplies to Gaza", "struck a refinery in the Samara region"): its country.
GEO_TARGET_TYPES = frozenset({"AID", "ASSAULT", "COERCE", "MOBILIZE", "RETREAT"})
#: What kills with no one named behind it ("killed by a roadside bomb").
WEAPON_NOUNS = frozenset(
    {"bomb", "bombs", "bombing", "bombings", "explosion", "blast", "device", "mine",
     "minefield", "landmine", "rocket",
     "mortar", "shell", "grenade", "ied", "gunman", "gunmen", "assailant", "attacker",
     "bomber", "explosif", "bombe", "roquette", "obus", "engin"}
)  # fmt: skip
#: What a protest decries that only a state does ("to protest the rights violations").
GRIEVANCE_NOUNS = frozenset({"violation", "arrest", "detention", "ban", "law", "policy", "tax",
                             "price", "rule", "election", "result", "crackdown", "repression"})
#: Restrictions on a population (see ``_restricted_people``).
RESTRICTION_NOUNS = frozenset({"curfew", "emergency", "lockdown", "couvre-feu", "confinement"})
#: Conjunctions of a condition put on the one a threat or demand is aimed at.
CONDITION_MARKS = frozenset({"unless", "until", "if", "si", "tant"})
PLANNED_MODIFIERS = frozenset(
    {"planned", "upcoming", "future", "proposed", "scheduled", "prévu", "prévue", "prochain",
     "prochaine", "futur", "programmé", "programmée", "envisagé", "envisagée"}
)  # fmt: skip


class Lazy:
    """A list computed on first use."""

    __slots__ = ("_fn", "_items")

    def __init__(self, fn: Callable[[], list]) -> None:
        self._fn = fn
        self._items: list | None = None

    def _get(self) -> list:
        if self._items is None:
            self._items = self._fn()
        return self._items

    def __iter__(self) -> Iterator:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


@dataclass
class Arg:
    """A resolved argument: the actor, the tokens it was read from, and how it was found."""

    actor: Actor
    kind: str  # country | org | group | person
    tokens: frozenset[int]
    via_context: bool = False
    home: bool = False  # a challenger placed in the acting state's country (``_resolve``)
    border: bool = False  # read from "the border with X": X faces a show of force


@dataclass
class Trigger:
    token: Token
    lemma: str
    rules: list[Rule]
    nominal: bool
    guessed: bool  # found through an inflected form, not the tagger's lemma


@dataclass
class Discourse:
    """What earlier sentences of the article tell about pronouns and bare sector nouns."""

    last_subjects: list[Arg] = field(default_factory=list)
    sector_code: dict[str, str] = field(default_factory=dict)
    #: surname -> actor of a person named in full earlier ("Abdoulaye Diop" ... "Diop said")
    surnames: dict[str, Actor] = field(default_factory=dict)
    #: sector noun as written -> code it last had ("Niger's junta" ... "the junta")
    noun_code: dict[str, str] = field(default_factory=dict)
    last_person: Arg | None = None
    last_event_source: Arg | None = None
    #: (token index, code) of country mentions so far, for "the country" / "le pays"
    countries: list[tuple[int, str]] = field(default_factory=list)
    places: Iterable[tuple[int, int, Place]] = field(default_factory=list)
    #: how often each country is named in the whole article (its main subject first)
    country_counts: dict[str, int] = field(default_factory=dict)
    org_counts: dict[str, int] = field(default_factory=dict)
    pub_date: date | None = None
    offset: int = 0  # character offset of the current paragraph in the article
    current_source: Arg | None = None  # source of the last event coded in this sentence
    #: common noun -> organisation it named ("the UN Security Council" ... "the council")
    head_memory: dict[str, Arg] = field(default_factory=dict)

    def remember(self, args: Iterable[Arg], mentions: Sequence = ()) -> None:
        for a in args:
            if a.actor.sector and a.kind != "org":
                self.sector_code[a.actor.sector] = a.actor.code
                for m in mentions:
                    if m.kind == "sector" and m.sector == a.actor.sector:
                        noun = m.text.lower()
                        self.noun_code[noun] = a.actor.code
                        if noun in RULING_NOUNS:
                            self.noun_code["@ruling"] = a.actor.code
            if a.kind == "person" and any(m.kind == "person" for m in mentions):
                self.last_person = a


class Extractor:
    """Codes the sentences of parsed documents of one language."""

    def __init__(self, lexicon: Lexicon, actors, dates=None, places=None) -> None:
        self.lex = lexicon
        self.lang = lexicon.lang
        self.actors = actors
        self.dates = dates  # module with find_dates / resolve_date / publication, or None
        self.places = places  # Gazetteer-like with find_places(span, lang), or None
        self._kinds = {code: kind for code, _n, kind, _c in actors.registry()}

    # ------------------------------------------------------------------ driver
    def extract(self, doc: Doc, article_id: str, pub_date: date) -> list[Event]:
        """Events of one parsed article."""
        return self.extract_parts([(doc, 0)], article_id, pub_date)

    def extract_parts(self, parts: Sequence[tuple[Doc, int]], article_id: str, pub_date: date,
                      ) -> list[Event]:
        """Events of an article parsed paragraph by paragraph: ``(doc, char offset)`` pairs.

        Paragraphs are parsed apart (a sentence never spans two), but read as one discourse:
        pronouns and "the junta" reach back across paragraph breaks."""
        events: list[Event] = []
        ctx = Discourse(pub_date=pub_date)
        sents = [(sent, self.actors.mentions(sent, when=pub_date), offset)
                 for doc, offset in parts for sent in doc.sents]
        for _sent, mentions, _offset in sents:
            for m in mentions:
                if m.code and m.kind in ("country", "capital", "demonym"):
                    ctx.country_counts[m.code] = ctx.country_counts.get(m.code, 0) + 1
                elif m.code and m.kind == "org" and m.sector == "IGO":
                    ctx.org_counts[m.code] = ctx.org_counts.get(m.code, 0) + 1
        for sent, mentions, offset in sents:
            ctx.offset = offset
            events.extend(self._sentence(sent, mentions, article_id, pub_date, ctx))
        return events

    def _sentence(self, sent: Span, mentions: list, article_id: str, pub_date: date,
                  ctx: Discourse) -> list[Event]:
        by_tok = {i: m for m in mentions for i in range(m.start, m.end)}
        ctx.current_source = None
        for m in mentions:
            if m.kind == "person" and m.code and m.end - m.start > 1:
                ctx.surnames[sent.doc[m.end - 1].text] = Actor(m.code, m.sector, m.text)
            if m.code and m.kind in ("country", "capital", "demonym"):
                ctx.countries.append((m.start, m.code))
        triggers = self._triggers(sent, by_tok)
        self._note_actors(sent, by_tok, ctx)
        found: dict[tuple, Event] = {}
        nominal: set[int] = set()
        if triggers:
            containers = {}
            for t in triggers:  # a container whose conditions fail contains nothing
                v = t.token if t.nominal else sx.structural_verb(t.token)
                kinds = [r.type for r in t.rules if r.container and self._lexical_ok(r, v, t.token)]
                if kinds:
                    containers[t.token.i] = kinds[0]
            # the container holding each trigger, found once for suppression and commitments
            inside = {t.token.i: self._container_of(t, containers) for t in triggers}
            hostile = self._hostile_commitments(triggers, inside)
            # found on first use: most sentences with a trigger give no event to date or place
            dates = Lazy(lambda: self._dates(sent, pub_date))
            places = Lazy(lambda: self._places(sent))
            ctx.places = places
            for trig in triggers:
                if self._suppressed(trig, inside, containers):
                    continue
                coded = self._code_trigger(trig, sent, by_tok, ctx, pub_date, article_id,
                                           dates, places, trig.token.i in hostile)
                if coded:  # "X accused Y ..., a charge Y denies": the charge is X's
                    ctx.current_source = Arg(coded[0].source, self._kind(coded[0].source),
                                             frozenset())
                for ev in coded:
                    if trig.nominal:
                        nominal.add(id(ev))
                    key = (trig.token.i, ev.type, ev.source.code,
                           ev.target.label if ev.target else None)
                    if key not in found or found[key].confidence < ev.confidence:
                        found[key] = ev
        root_subjects = [a for r in [sent.root] for a in self._resolve_heads(
            sx.subjects(r), by_tok, ctx, None)]
        if root_subjects:
            ctx.last_subjects = root_subjects
        elif found:
            first = next(iter(found.values()))
            ctx.last_subjects = [Arg(first.source, self._kind(first.source), frozenset())]
        if found:
            first = next(iter(found.values()))
            ctx.last_event_source = Arg(first.source, self._kind(first.source), frozenset())
        # a noun naming an act coded already ("staged a hunger strike in protest against ..."):
        # one event (two verbs may be two acts: "bring its ambassador home and withdraw")
        def triple(e: Event) -> tuple:
            return e.type, e.source.code, e.target.code if e.target else None

        verbal = {triple(e) for e in found.values() if id(e) not in nominal}
        out: list[Event] = []
        seen: dict[tuple, list[int]] = {}
        doc = sent.doc
        for key, ev in found.items():
            t = triple(ev)
            if (id(ev) in nominal or ev.type == "PROTEST") and (
                    t in seen or id(ev) in nominal and t in verbal):
                # (a protest told by several verbs, "blocked roads to protest against", is one)
                continue
            tok = doc[key[0]]
            if any(tok.head.i == j and tok.dep_ in PURPOSE_DEPS for j in seen.get(t, ())):
                continue  # "met in Nairobi to discuss the border": one meeting
            if ev.type in ("ACCUSE", "REQUEST") and tok.dep_ in PURPOSE_DEPS and any(
                    k[0] == tok.head.i and e.type == "PROTEST" and e.source.code == ev.source.code
                    for k, e in found.items()):
                continue  # "marched to denounce police brutality": what the protest is about
            seen.setdefault(t, []).append(key[0])
            out.append(ev)
        # "rioted following a demonstration calling for the removal of X": one protest, aimed
        # at X; the same act without its target is not another event
        aimed = {(e.type, e.source.code) for e in out if e.target is not None}
        out = [e for e in out if e.target is not None or (e.type, e.source.code) not in aimed]
        return [self._protested_state(e) if e.target is None and (
            e.type == "PROTEST" or e.mode == "dissent") else e for e in out]

    def _note_actors(self, sent: Span, by_tok: dict, ctx: Discourse) -> None:
        """Resolve the sentence's subjects and objects once, so that later sentences can say
        "the junta" or "he" ("the military rulers in Bamako ..." -> the junta is MLI GOV)."""
        for tok in sent:
            if tok.i in by_tok and tok.dep_ in NOTE_DEPS:
                m = by_tok[tok.i]
                if m.kind in ("sector", "person", "org"):
                    self._resolve(tok, set(), by_tok, ctx, None)

    # --------------------------------------------------------------- triggers
    def _triggers(self, sent: Span, by_tok: dict) -> list[Trigger]:
        out: list[Trigger] = []
        for tok in sent:
            if tok.i in by_tok and by_tok[tok.i].code is not None:
                continue  # part of an actor name ("Liptako-Gourma Charter" is not a verb)
            pos = tok.pos_
            if pos in ("NOUN", "ADJ") and any(c.dep_ in ("aux", "aux:tense") for c in tok.children):
                pos = "VERB"  # "a félicité" tagged as a noun: a tense auxiliary makes it a verb
            if tok.dep_ == "acl" and ("Part" in tok.morph.get("VerbForm") or tok.tag_ == "VBN") \
                    and not (tok.head.lemma_.lower() in sx.AUTHORED_NOUNS and (
                        tok.tag_ == "VBG" or "Pres" in tok.morph.get("Tense"))):
                # "French soldiers deployed in Niger": a state, not an act ("a statement
                # condemning X" is its author's act)
                continue
            if pos in ("VERB", "AUX") or (pos in ("ADV", "ADJ", "NOUN") and tok.dep_ != "ROOT"
                                          and fold(tok.lower_) in self.lex.verb_forms
                                          and not (pos == "NOUN" and self.lex.noun_rules(
                                              tok.lemma_.lower()))):
                # (a noun the lexicon knows as a noun keeps that reading: "began talks")
                hit = self.lex.verb_rules(tok.lemma_.lower(), tok.lower_)
                if hit and not (pos == "AUX" and hit[0] in ("be", "have", "être", "avoir")):
                    lemma, rules = hit
                    guessed = pos not in ("VERB", "AUX") or lemma != tok.lemma_.lower()
                    out.append(Trigger(tok, lemma, rules, nominal=False, guessed=guessed))
                    continue
            if (pos == "ADJ" and tok.lemma_.lower() in self.lex.commitment
                    and tok.lemma_.lower() in self.lex.verbs and sx.open_complements(tok)):
                # "is willing to withdraw", "est prête à retirer"
                lemma = tok.lemma_.lower()
                out.append(Trigger(tok, lemma, self.lex.verbs[lemma], nominal=False,
                                   guessed=False))
                continue
            lemma = tok.lemma_.lower()
            if pos == "VERB" and any(c.dep_ == "cop" for c in tok.children):
                # "sont en grève" tagged as a verb (lemma "grever"): a predicate noun
                pos, lemma = "NOUN", tok.lower_
            if pos in ("NOUN", "PROPN") and not (tok.dep_ == "compound"
                                                 and tok.head.pos_ in ("NOUN", "PROPN")):
                # ("riot police", "strike force": a modifier, not an event)
                if tok.i >= sent.start + 2 and tok.nbor(-1).text == "-":
                    # "a sit-in", "un sit-in" split by the tokenizer: the hyphenated word
                    lemma = f"{tok.nbor(-2).lower_}-{lemma}"
                rules = self.lex.noun_rules(lemma)
                if rules:
                    out.append(Trigger(tok, lemma, rules, nominal=True, guessed=False))
        return out

    @staticmethod
    def _suppressed(trig: Trigger, inside: dict[int, int | None],
                    containers: dict[int, str]) -> bool:
        """A trigger under a container trigger ("asked X to withdraw") is not its own event.
        ``inside`` maps each trigger to its container (``_container_of``).

        An accusation contains only clauses ("accused X of attacking"): "condemned the
        deployment of mercenaries" still reports the deployment."""
        anc = inside[trig.token.i]
        return anc is not None and not (trig.nominal and containers[anc] == "ACCUSE")

    @staticmethod
    def _container_of(trig: Trigger, containers: dict[int, str]) -> int | None:
        """Index of the container trigger whose complement holds ``trig``, if any."""
        cur = trig.token
        for anc in sx.ancestors_in_clause(cur, max_depth=4):
            if cur.dep_ in ("relcl", "acl:relcl"):
                return None  # a relative clause is a statement of its own
            if anc.i in containers and anc.i != trig.token.i:
                return anc.i
            if cur.dep_ in ("conj", "parataxis") or anc.dep_ == "ROOT" and cur.dep_ == "ccomp":
                # a coordinated clause is independent; a ccomp of a non-container is reported
                if anc.i not in containers:
                    return None
            cur = anc
        return None

    def _hostile_commitments(self, triggers: list[Trigger], inside: dict[int, int | None],
                             ) -> set[int]:
        """Commitment triggers whose complement is a hostile act ("vowed to attack X");
        ``inside`` maps each trigger to its container (``_container_of``)."""
        out: set[int] = set()
        commit = {t.token.i for t in triggers if t.lemma in self.lex.commitment}
        for t in triggers:
            anc = inside[t.token.i]
            if anc is None or anc not in commit or t.nominal:
                continue
            cur = t.token  # the act itself, not an adjunct ("offered talks after the invasion")
            while cur.i != anc and cur.dep_ in ("xcomp", "ccomp", "conj"):
                cur = cur.head
            if cur.i != anc:
                continue
            v = t.token if t.nominal else sx.structural_verb(t.token)
            ok = [r for r in t.rules if self._lexical_ok(r, v, t.token)]
            # rules that hang on the actors ("withdraw from an organisation" is a sanction)
            # cannot be told yet: the unconditioned reading decides
            first = next((r for r in ok if not set(r.when) & ACTOR_CONDITIONS), ok[0] if ok
                         else None)
            if first is not None and first.type in HOSTILE_TYPES:
                out.add(anc)
        return out

    # ------------------------------------------------------------------ rules
    def _code_trigger(self, trig: Trigger, sent: Span, by_tok: dict, ctx: Discourse,
                      pub_date: date, article_id: str, dates, places,
                      hostile: bool = False) -> list[Event]:
        tok = trig.token
        v = tok if trig.nominal else sx.structural_verb(tok)
        for rule in trig.rules:
            if not self._lexical_ok(rule, v, tok):
                continue
            if hostile and rule.container and rule.type == "AGREE":
                rule = replace(rule, type="THREATEN", mode=None, reciprocal=False)
            sources = self._slots(rule.source, v, tok, trig.nominal, by_tok, ctx, None)
            subject = sources[0] if sources else None
            used = frozenset().union(*(s.tokens for s in sources)) if sources else frozenset()
            targets = self._slots(rule.target, v, tok, trig.nominal, by_tok, ctx, subject, used)
            preps = [slot[5:] for slot in rule.target if slot.startswith("prep:")]
            if not targets and rule.container and not (
                    rule.reciprocal and len(sources) > 1) and not (
                    "comp_subj" in rule.target
                    and self._slot_heads("comp_subj", v, tok, trig.nominal)):
                # ("demanded that the country ...": the clause's own subject is the addressee,
                # even when it cannot be resolved; nothing inside the clause stands in for it)
                # ("called for the removal of X": whose removal is asked)
                targets = self._inner_agent(v, by_tok, ctx, subject, used,
                                            preps=[*preps, "for"] if self.lang == "en" else preps)
            elif not targets and ("obj" in rule.target and not trig.nominal or preps):
                # "condemned the deployment of Russian mercenaries", "protested against
                # Sweden's decision": whose act is condemned
                targets = self._inner_agent(v, by_tok, ctx, subject, used, clauses=False,
                                            preps=preps, objects="obj" in rule.target)
            if not sources and rule.type == "ASSAULT" and targets:
                sources = self._unidentified_attacker(v, sent, by_tok, ctx, targets)
            if not targets and rule.type in PLACE_TARGET_TYPES and sources:
                targets = self._restricted_people(v, rule, sources[0])
            if not targets and rule.type in GEO_TARGET_TYPES and sources:
                targets = self._place_target(rule, v, tok, trig.nominal, ctx, sources)
            if not targets and rule.type == "PROTEST":
                targets = self._protest_aim(v, by_tok, ctx, subject, used)
            if (not targets and rule.type == "REQUEST" and subject is not None
                    and not trig.nominal and tok.dep_ not in PURPOSE_DEPS
                    and subject.kind == "country"
                    and subject.actor.sector in ("OPP", "LAB", "PTY", "REB")):
                # "opposition leaders in Mozambique demanded a recount": of their government
                # (not crowds: "supporters called for a rally" is a protest)
                targets = [Arg(Actor(subject.actor.code, "GOV", ""), "country", frozenset(), True)]
            if rule.type == "REQUEST" and (any(
                    sent.doc[i].lemma_.lower() in PROTESTER_NOUNS for s in sources
                    for i in s.tokens) or any(
                    h.lemma_.lower() in STRIKE_NOUNS for p in ("for", "à")
                    for h in sx.prep_objects(v, p))):
                # "demonstrators demanded the departure of France", "called for a general
                # strike", "ont appelé à une grève générale": a protest
                rule = replace(rule, type="PROTEST", mode="demo")
            if rule.type in ABROAD_TYPES:
                targets = [t for t in targets if not t.home]
            if rule.type == "AID" and targets and all(t.border for t in targets):
                # "sent troops to its border with Belarus": a show of force, not help
                rule = replace(rule, type="MOBILIZE", mode="troops")
            if not self._actors_ok(rule, sources, targets):
                continue
            if rule.type in PLACE_TARGET_TYPES:
                targets = [self._as_population(t, sources, sent.doc) for t in targets]
            return self._build(rule, trig, v, sent, sources, targets, pub_date, article_id,
                               dates, places, ctx.offset)
        return []

    def _unidentified_attacker(self, v: Token, sent: Span, by_tok: dict, ctx: Discourse,
                               targets: list[Arg]) -> list[Arg]:
        """Killings by a bomb, a mine or unnamed gunmen ("were killed by an improvised explosive
        device outside the Iraqi city of Basra"): unidentified armed forces (UAF) of the country
        where it happened, the country named apart from the victims."""
        heads = sx.subjects(v) + [o for prep in ("by", "in") for o in sx.prep_objects(v, prep)]
        weapon = next((h for h in heads if h.lemma_.lower() in WEAPON_NOUNS or {
            c.lemma_.lower() for c in h.children if c.dep_ == "compound"} & WEAPON_NOUNS), None)
        if weapon is None:
            return []
        victims = frozenset().union(*(t.tokens for t in targets))
        code = next((m.code for m in sorted({id(m): m for m in by_tok.values()}.values(),
                                            key=lambda m: m.start)
                     if m.code and m.kind in ("country", "capital", "demonym")
                     and sent.start <= m.start < sent.end
                     and not any(i in victims for i in range(m.start, m.end))), None)
        if code is None:
            code = next((p.country for start, _e, p in ctx.places
                         if p.country and sent.start <= start < sent.end), None)
        if code is None and len(ctx.country_counts) == 1:
            code = next(iter(ctx.country_counts))
        if code is None:
            return []
        return [Arg(Actor(code, "UAF", weapon.text), "country", frozenset({weapon.i}), True)]

    def _restricted_people(self, v: Token, rule: Rule, source: Arg) -> list[Arg]:
        """A curfew, state of emergency or martial law imposed, extended or lifted with no one
        named falls on the people of the state that decrees it ("the government lifted the
        state of emergency in West Darfur")."""
        if source.kind != "country" or source.actor.sector not in (None, "GOV", "MIL", "COP"):
            return []
        objs = list(sx.objects(v))
        if rule.container:  # "is prepared to impose martial law"
            comps = sx.open_complements(v)
            objs += [o for c in comps for o in sx.objects(c)]
        for obj in objs:
            words = {t.lemma_.lower() for t in obj.subtree}
            if words & RESTRICTION_NOUNS or {"martial", "law"} <= words or (
                    "état" in words and "urgence" in words):
                return [Arg(Actor(source.actor.code, "CVL", obj.text), "country",
                            frozenset({obj.i}), True)]
        return []

    def _place_target(self, rule: Rule, v: Token, tok: Token, nominal: bool,
                      ctx: Discourse, sources: list[Arg]) -> list[Arg]:
        """The country of a gazetteer place named in a target slot ("sent medical supplies to
        Gaza"): proper names only, only for material acts (``GEO_TARGET_TYPES``), and not the
        source's own country ("patrols in Gao" by the Malian army are not aimed at Mali)."""
        own = {s.actor.code for s in sources}
        of = "of" if self.lang == "en" else "de"
        for slot in rule.target:
            for head in self._slot_heads(slot, v, tok, nominal):
                if head.pos_ == "ADP":  # a dative "to" ("sent food to the Gaza Strip")
                    head = next((c for c in head.children if c.dep_ == "pobj"), head)
                if (head.lemma_.lower() in PLACE_TARGET_NOUNS and not nominal
                        and all(s.actor.sector != "CVL" for s in sources)):
                    # "bombed a market in Nyala" (the parser hung "in Nyala" on the verb):
                    # the people of the place, even in the attacker's own country
                    for name in (n for p in LOCATIVE_PREPS for n in sx.prep_objects(v, p)):
                        if (code := self._country_at(name, ctx)) is not None:
                            return [Arg(Actor(code, "CVL", head.text), "country",
                                        frozenset({head.i}), True)]
                # the name itself, or the name of "the town of Walikale", "la ville de Walikale"
                for name in [head, *sx.prep_objects(head, of)]:
                    code = self._country_at(name, ctx) if name.pos_ == "PROPN" else None
                    if code is not None and code not in own:
                        return [Arg(Actor(code, None, name.text), "country",
                                    frozenset({name.i}), True)]
        return []

    @staticmethod
    def _country_at(tok: Token, ctx: Discourse) -> str | None:
        """Country of the gazetteer place whose name covers ``tok``, if any."""
        return next((place.country for start, end, place in ctx.places
                     if start <= tok.i < end and place.country), None)

    @staticmethod
    def _as_population(target: Arg, sources: list[Arg], doc: Doc) -> Arg:
        """A country named as the place of a restriction ("imposed a curfew in Cizre in
        southeastern Turkey") stands for its people: civilians, kept apart from the
        government that imposes it."""
        if target.kind != "country" or not any(_same(s.actor, target.actor) for s in sources):
            return target  # only what would otherwise be dropped as self-directed
        toks = [doc[i] for i in target.tokens]
        locative = any(
            t.dep_ == "pobj" and sx.prep_lemma(t.head) in LOCATIVE_PREPS
            or any(c.dep_ == "case" and sx.prep_lemma(c) in LOCATIVE_PREPS for c in t.children)
            for t in toks)
        if not locative:
            return target
        return Arg(Actor(target.actor.code, "CVL", target.actor.text), target.kind, target.tokens,
                   target.via_context)

    def _lexical_ok(self, rule: Rule, v: Token, tok: Token) -> bool:
        when = rule.when
        if "object" in when or "not_object" in when:
            heads = [o for head in sx.objects(v) for o in [head, *head.conjuncts]]
            if not heads:  # "allowed aid convoys to enter": the complement clause's subject
                heads = [x for c in v.children if c.dep_ in ("ccomp", "xcomp")
                         for x in c.children if x.dep_ in sx.SUBJ]
            # "suspended part of a military aid programme": what the part is of
            heads += [x for o in heads if o.lemma_.lower() in PARTITIVE_NOUNS
                      for x in sx.prep_objects(o, "of" if self.lang == "en" else "de")]
            objs = {o.lemma_.lower() for o in heads} | {o.lower_ for o in heads}
            if "object" in when and not objs & when["object"]:
                return False
            if "not_object" in when and objs & when["not_object"]:
                return False
        if "particle" in when and not sx.particles(v) & when["particle"]:
            return False
        if "xcomp" in when or "not_xcomp" in when:
            comps = {c.lemma_.lower() for c in sx.open_complements(v)}
            if "xcomp" in when and not comps & when["xcomp"]:
                return False
            if "not_xcomp" in when and comps & when["not_xcomp"]:
                return False
        if "comp_modal" in when and not any(  # "said that Sudan must return the helicopter"
                a.dep_ in ("aux", "aux:tense") and a.lemma_.lower() in when["comp_modal"]
                for c in v.children if c.dep_ == "ccomp" for a in c.children):
            return False
        return True

    def _actors_ok(self, rule: Rule, sources: list[Arg], targets: list[Arg]) -> bool:
        when = rule.when
        if not sources:
            return False
        # (a coordinated subject of a reciprocal act is its own counterpart: "A and B held joint
        # exercises")
        has = bool(targets) or (rule.reciprocal and len(sources) > 1)
        if "has_target" in when and has != bool(when["has_target"]):
            return False
        if "target_kind" in when and not any(t.kind in when["target_kind"] for t in targets):
            return False
        if "source_sector" in when and not any(
            s.actor.sector in when["source_sector"] for s in sources
        ):
            return False
        return True

    # ------------------------------------------------------------------ slots
    def _slots(self, slots: Sequence[str], v: Token, tok: Token, nominal: bool, by_tok: dict,
               ctx: Discourse, subject: Arg | None, used: frozenset[int] = frozenset(),
               ) -> list[Arg]:
        for slot in slots:
            for head in self._slot_heads(slot, v, tok, nominal):
                if head.i in used:
                    continue
                args = self._resolve_heads([head], by_tok, ctx, subject)
                if args:
                    return args
                prev = ctx.current_source or ctx.last_event_source or (
                    ctx.last_subjects[0] if ctx.last_subjects else None)
                if (slot == "obj" and head.lemma_.lower() in ANAPHORIC_NOUNS and prev is not None
                        and any(c.dep_ == "det" for c in head.children)):
                    return [Arg(prev.actor, prev.kind, frozenset({head.i}), True)]
                if (slot == "obj" and self.lex.noun_rules(head.lemma_.lower())
                        and ctx.last_event_source is not None
                        and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES
                                for c in head.children)):
                    # "avait exigé ce départ": the one whose departure was just reported
                    prev = ctx.last_event_source
                    return [Arg(prev.actor, prev.kind, frozenset({head.i}), True)]
        return []

    def _slot_heads(self, slot: str, v: Token, tok: Token, nominal: bool) -> list[Token]:
        if slot == "subj":
            if nominal:
                return []
            subs = sx.find_subjects(v)[0]
            if not subs and not sx.is_passive(v):
                subs = self._left_actor(v)
            return subs
        if slot == "obj":
            if nominal:
                return []
            objs = sx.objects(v)
            if not objs and not sx.is_passive(v):
                # "a rejeté les accusations de l'ONU" parsed as two sentences: the noun phrase
                # right after the verb, left as a root of its own
                objs = [t for t in sx.dangling_object(v) if t.dep_ == "ROOT" and t.i > v.i]
            return objs
        if slot == "dative":
            return [] if nominal else sx.datives(v)
        if slot.startswith("comp:"):  # "comp:prep:devant": in the open complement's phrase
            return [h for c in sx.open_complements(v)
                    for h in self._slot_heads(slot[5:], c, c, False)]
        if slot.startswith("prep:") and "/" in slot:
            # "prep:under/from": "under pressure from the protesters"
            outer, inner = slot[5:].split("/", 1)
            return [h for o in self._slot_heads(f"prep:{outer}", v, tok, nominal)
                    for h in sx.prep_objects(o, inner)]
        if slot.startswith("prep:"):
            prep = slot[5:]
            heads = sx.prep_objects(v, prep)
            if not nominal:
                for obj in sx.objects(v):  # "delivered helicopters to Mali" attached to the noun
                    heads.extend(h for h in sx.prep_objects(obj, prep) if h not in heads)
                    for c in obj.children:  # "les accords conclus avec la France"
                        if c.dep_ in ("acl", "relcl", "acl:relcl"):
                            heads.extend(h for h in sx.prep_objects(c, prep) if h not in heads)
            else:  # "le retrait des troupes du Mali": du Mali hangs off troupes
                for child in list(heads):
                    for c in [child, *child.conjuncts]:
                        heads.extend(h for h in sx.prep_objects(c, prep) if h not in heads)
                if not heads and prep != "of" and self.lang == "en":
                    # "the withdrawal of some invasion forces from Panama": from Panama hangs
                    # off the forces
                    heads = [h for o in sx.prep_objects(v, "of") for h in sx.prep_objects(o, prep)]
                if not heads and tok.dep_ in sx.OBJ and tok.head.pos_ == "VERB":
                    # "launched an investigation into X", "held talks with X": the parser hung
                    # the noun's complement on the verb
                    heads = [h for h in sx.prep_objects(tok.head, prep) if h.i > tok.i]
            # "closed its airspace to flights going to Mali": the same preposition inside a
            # participle that qualifies the first noun
            for head in list(heads):
                for c in head.children:
                    if c.dep_ in ("acl", "relcl", "acl:relcl"):
                        for verb in [c, *c.conjuncts]:
                            heads.extend(h for h in sx.prep_objects(verb, prep) if h not in heads)
            return heads
        if slot == "poss":
            if any(c.lower_ in POSS_PRONOUNS for c in tok.children):
                # "their withdrawal", "leur retrait": the owner is the governing verb's subject
                gov = self._governing_verb(tok)
                return sx.find_subjects(gov)[0] if gov is not None else []
            return sx.possessors(tok)
        if slot == "amod":
            return sx.adjectival_modifiers(tok)
        if slot == "poss_obj":
            out: list[Token] = []
            for obj in sx.objects(v):
                out.extend(sx.possessors(obj))
                out.extend(sx.prep_objects(obj, "of" if self.lang == "en" else "de"))
            return out
        if slot == "comp_subj":  # "helped the Malian army retake Kidal"
            # (a noun's "that" clause: "its demand that Israel ease restrictions")
            return [x for c in v.children if c.dep_ in ("xcomp", "ccomp") or (
                        nominal and c.dep_ == "acl" and sx.has_mark(c, ("that", "que")))
                    for x in c.children if x.dep_ in sx.SUBJ]
        if slot == "obj_clause":  # "revoked an agreement that allowed American troops ..."
            clauses = [c for obj in sx.objects(v) for c in obj.children
                       if c.dep_ in ("relcl", "acl", "acl:relcl")]
            return [o for c in clauses for o in sx.objects(c) + [
                x for comp in sx.open_complements(c) for x in comp.children
                if x.dep_ in sx.SUBJ] + [  # "les accords qui le liaient à la France"
                h for p in ("with", "to", "avec", "à") for h in sx.prep_objects(c, p)]]
        if slot == "border":  # "moved tanks closer to the Ukrainian border": wherever it hangs
            return [] if nominal else [t for t in v.subtree
                                       if t.lemma_.lower() in BORDER_NOUNS and t.i != v.i]
        if slot == "governor":
            if nominal and any(c.dep_ == "cop" for c in tok.children):
                # "les enseignants sont en grève": the predicate noun's own subject
                return [c for c in tok.children if c.dep_ in sx.SUBJ]
            gov = self._governing_verb(tok)
            return sx.find_subjects(gov)[0] if gov is not None else []
        return []

    def _inner_agent(self, v: Token, by_tok: dict, ctx: Discourse, subject: Arg | None,
                     used: frozenset[int], clauses: bool = True, preps: Sequence[str] = (),
                     objects: bool = True) -> list[Arg]:
        """Who is asked / refused / threatened, read from the complement: "demanded the departure
        of French forces" -> French forces; "exige le départ des forces françaises" -> idem;
        "protested against Sweden's decision", "demanded an admission by Moscow" (the owner or
        author of an object, or of the object of one of ``preps``)."""
        of, by = ("of", "by") if self.lang == "en" else ("de", "par")
        source_preps = (of, by, "from") if self.lang == "en" else (of, by)
        nouns = (sx.objects(v) if objects else []) + [
            h for prep in preps for h in sx.prep_objects(v, prep)]
        if not nouns and v.pos_ == "NOUN" and v.dep_ in sx.OBJ and v.head.pos_ == "VERB":
            # "opened an inquiry into abuses by X": the noun's complement hung on the verb
            nouns = [h for prep in preps for h in sx.prep_objects(v.head, prep) if h.i > v.i]
        if objects and not nouns:
            # "ont réclamé à plusieurs reprises le départ de la France": the object hung on an
            # adverbial by the parser; an event noun below it is what is asked for
            nouns = [d for c in v.children if c.dep_ in sx.OBLIQUE
                     for d in c.children if d.dep_ in ("nmod", "obj", "dobj")
                     and self.lex.noun_rules(d.lemma_.lower())]
        candidates = [h for obj in nouns for h in sx.prep_objects(obj, of)
                      + sx.possessors(obj) + sx.prep_objects(obj, by)
                      + (sx.prep_objects(obj, "from") if self.lang == "en" else [])
                      + self._detached_complement(obj, of)
                      + [m for m in sx.adjectival_modifiers(obj)
                         if self._class_at(m, by_tok) in ("state", "org")]
                      # "an investigation into crimes committed by Croat forces"
                      + [a for acl in obj.children if acl.dep_ == "acl"
                         for a in sx.prep_objects(acl, by)]
                      # "turned down an offer of talks from South Korea"
                      + [a for x in sx.prep_objects(obj, of) for p in source_preps[1:]
                         for a in sx.prep_objects(x, p)]]
        # "called for a ceasefire in Sudan": where what is asked for should happen, last
        candidates += [h for obj in nouns for p in LOCATIVE_PREPS for h in sx.prep_objects(obj, p)
                       if h.pos_ == "PROPN"]
        # "promised that Russia would help the Malian army", "menace d'intervenir au Niger"
        comps = sx.open_complements(v) if clauses else []
        for comp in list(comps):
            comps.extend(sx.open_complements(comp))
        for comp in comps:
            candidates += sx.objects(comp) + sx.datives(comp)
            if comp.lemma_.lower() in sx.OBJECT_CONTROL | {"let", "permit", "enable"}:
                # "refused to allow UN planes to land": the parser's clause subject
                candidates += [x for c in comp.children if c.dep_ in ("ccomp", "xcomp")
                               for x in c.children if x.dep_ in sx.SUBJ]
            for prep in INNER_PREPS:
                for h in sx.prep_objects(comp, prep):
                    candidates.append(h)
                    # "refused to respond to a demand from the US President"
                    if h.lemma_.lower() in ANAPHORIC_NOUNS:
                        candidates += [x for p in source_preps for x in sx.prep_objects(h, p)]
                        candidates += sx.possessors(h)
            for obj in sx.objects(comp):  # "threatened to break off relations with Congo"
                for prep in INNER_PREPS:
                    candidates += sx.prep_objects(obj, prep)
                    # "refusé d'accorder l'autorisation de survol aux avions français"
                    candidates += [h for acl in obj.children if acl.dep_ in ("acl", "relcl")
                                   for h in sx.prep_objects(acl, prep)]
        if clauses:  # "threatened a strike unless Israel rescinded ...": who must act
            for node in [v, *comps]:
                for c in node.children:
                    if c.dep_ == "advcl" and sx.has_mark(c, CONDITION_MARKS):
                        candidates += sx.subjects(c)
        fallback: list[Arg] = []
        for head in candidates:
            if head.i not in used:
                args = self._resolve_heads([head], by_tok, ctx, subject)
                if args and subject is not None and all(_same(subject.actor, a.actor)
                                                        for a in args):
                    # "is willing to withdraw its troops from Lebanon": its own troops are
                    # not who the commitment is made to
                    fallback = fallback or args
                    continue
                if args:
                    return args
        return fallback

    @staticmethod
    def _detached_complement(noun: Token, of: str) -> list[Token]:
        """An "of" complement split from its noun by an inserted phrase ("a demandé le
        départ, dans un délai d'un mois, des soldats français"): the noun after the second
        comma when it starts with "of"/"de" and the parser hung it elsewhere."""
        if sx.prep_objects(noun, of):
            return []
        doc = noun.doc
        i = noun.right_edge.i + 1
        if i >= noun.sent.end or doc[i].text != ",":
            return []
        close = next((j for j in range(i + 1, min(noun.sent.end, i + 12))
                      if doc[j].text == ","), None)
        if close is None or close + 1 >= noun.sent.end:
            return []
        first = doc[close + 1]
        if sx.prep_lemma(first) != of and first.lower_ not in ("des", "du", "of"):
            return []
        for t in doc[close + 1:min(noun.sent.end, close + 6)]:
            if t.pos_ in ("NOUN", "PROPN") and t.left_edge.i == close + 1:
                return [t]
        return []

    def _protest_aim(self, v: Token, by_tok: dict, ctx: Discourse, subject: Arg | None,
                     used: frozenset[int]) -> list[Arg]:
        """Whom a protest is aimed at, read from its purpose ("blocked a road to show their
        disapproval of the United States' policies", "a demonstration calling for the removal
        of President Mubarak", "in defiance of Chinese authorities")."""
        heads = [v]
        if v.pos_ in ("NOUN", "PROPN") and (gov := self._governing_verb(v)) is not None:
            heads.append(gov)  # "began a hunger strike to demand the resignation of ..."
        clauses = [c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp", "acl")
                   and c.lemma_.lower() in AIM_VERBS]
        nouns = [n for c in clauses for n in sx.objects(c)]
        for c in clauses:
            for prep in AIM_PREPS:
                nouns += sx.prep_objects(c, prep)
        if v.pos_ in ("NOUN", "PROPN"):  # "a strike that shut down the capital in protest of"
            heads += [c for c in v.children if c.dep_ in ("relcl", "acl", "acl:relcl")]
        for prep in ("in", "en"):  # "in defiance of", "in protest against", "en signe de"
            for n in (x for h in heads for x in sx.prep_objects(h, prep)):
                if n.lemma_.lower() in AIM_NOUNS:
                    nouns.append(n)
        candidates: list[Token] = []
        for n in nouns:
            if n.lemma_.lower() not in AIM_NOUNS:
                candidates.append(n)
            inner = sx.possessors(n) + [x for prep in AIM_PREPS for x in sx.prep_objects(n, prep)]
            candidates += inner
            candidates += [p for x in inner for p in sx.possessors(x) + [
                y for prep in ("of", "de", "by", "par") for y in sx.prep_objects(x, prep)]]
        for head in candidates:
            if head.i in used:
                continue
            args = self._resolve_heads([head], by_tok, ctx, subject)
            args = [a for a in args if subject is None or not _same(subject.actor, a.actor)]
            if args:
                return args
        grievance = next((n for n in candidates if n.pos_ == "NOUN" and (
            self.lex.noun_rules(n.lemma_.lower()) or n.lemma_.lower() in GRIEVANCE_NOUNS)), None)
        if (grievance is not None and subject is not None and subject.kind == "country"
                and subject.actor.sector in CHALLENGER_SECTORS):
            # "a strike in protest of last week's arrest of activists": an act by no one named,
            # against people at home, is the state's
            actor = Actor(subject.actor.code, "GOV", grievance.text)
            return [Arg(actor, "country", frozenset(), True, home=True)]
        return []

    def _left_actor(self, v: Token) -> list[Token]:
        """The actor named just before a verb the parser left without a subject
        ("..., Sergueï Lavrov a promis": Lavrov hung as an apposition of an earlier noun)."""
        i = v.i - 1
        while i >= v.sent.start and v.doc[i].pos_ in ("AUX", "ADV", "PART") or (
                i >= v.sent.start and v.doc[i].lower_ in ("se", "s'", "ne", "n'")):
            i -= 1
        if i < v.sent.start:
            return []
        tok = v.doc[i]
        if (tok.pos_ in ("PROPN", "NOUN") or tok.is_title) and tok.ent_type_ in (
                "PER", "PERSON", "ORG", "GPE", "LOC", "NORP"):
            # (a name the tagger took for a verb: "Alger a dénoncé ...")
            while tok.dep_ in ("flat", "flat:name", "compound") and tok.head.i < tok.i:
                tok = tok.head
            return [tok]
        return []

    @staticmethod
    def _governing_verb(tok: Token) -> Token | None:
        for anc in sx.ancestors_in_clause(tok, max_depth=3):
            if anc.pos_ in ("VERB", "AUX"):
                return anc
        return None

    # -------------------------------------------------------------- arguments
    def _resolve_heads(self, heads: Sequence[Token], by_tok: dict, ctx: Discourse,
                       subject: Arg | None) -> list[Arg]:
        out: list[Arg] = []
        for head in heads:
            group = self._coordinated(head, by_tok)
            members = {t.i for t in group}
            unresolved: list[Token] = []
            for member in group:
                arg = self._resolve(member, members - {member.i}, by_tok, ctx, subject)
                if not arg or all(a.home for a in arg):
                    unresolved.append(member)  # (a guess: a coordinated state may say better)
                    if len(group) > 1:
                        continue
                for a in arg:
                    if all(a.actor.label != b.actor.label for b in out):
                        out.append(a)
            states = {a.actor.code for a in out if a.kind == "country" and not a.via_context}
            if unresolved and len(states) == 1:
                # "the Sudanese government and the rebels in Darfur": a bare sector noun
                # coordinated with one state's actor is of that state
                code = next(iter(states))
                for member in unresolved:
                    m = by_tok.get(member.i)
                    if m is None or m.kind != "sector" or not m.sector:
                        continue
                    toks = self._phrase(member, members - {member.i}, True, by_tok)
                    text = " ".join(t.text for t in sorted(toks, key=lambda x: x.i))
                    a = Arg(Actor(code, m.sector, text), "country",
                            frozenset(t.i for t in toks), True)
                    if all(a.actor.label != b.actor.label for b in out):
                        out.append(a)
        return out

    def _coordinated(self, head: Token, by_tok: dict) -> list[Token]:
        """``head`` and its coordinated siblings, including lists the parser read as appositions
        ("Mali, Burkina Faso and Niger" -> Mali <appos- Faso -conj-> Niger)."""
        group = [head, *[c for c in head.conjuncts if c.pos_ in ("PROPN", "NOUN", "PRON")]]
        code = self._code_at(head, by_tok)
        for member in list(group):
            for c in member.children:
                if c.dep_ == "appos" and c not in group:
                    other = self._code_at(c, by_tok)
                    if other and code and other != code:
                        group.append(c)
                        group.extend(x for x in c.conjuncts if x not in group)
        # "le retrait du Mali, du Burkina Faso et du Niger": siblings with the same case
        kind = self._class_at(head, by_tok)
        if kind is not None and head.dep_ not in ("ROOT",):
            prev = max(t.i for t in group)
            for sib in sorted(head.head.children, key=lambda t: t.i):
                if sib.i <= prev or sib in group or sib.dep_ in ("punct", "cc", "det", "case"):
                    continue
                if (sib.dep_ != head.dep_ or sx.case_of(sib) != sx.case_of(head)
                        or self._class_at(sib, by_tok) != kind):
                    break
                gap = head.doc[head.doc[prev].right_edge.i + 1:sib.left_edge.i]
                if any(t.pos_ not in ("PUNCT", "CCONJ", "DET", "ADP") for t in gap):
                    break
                group.append(sib)
                group.extend(c for c in sib.conjuncts if c not in group)
                prev = max(t.i for t in group)
        # "Le Mali, le Burkina Faso et le Niger ont ...": the parser may detach the first items
        # of a comma list; take back actor tokens joined to the head by commas only.
        i = head.left_edge.i - 1
        sent_start = head.sent.start
        while i >= sent_start:
            tok = head.doc[i]
            if tok.text in (",", "،") or tok.pos_ == "DET":
                i -= 1
                continue
            m = by_tok.get(tok.i)
            if m is None or m.code is None or m.kind == "person":
                break
            first = head.doc[m.start]
            root = first if first.head.i not in range(m.start, m.end) else first.head
            while root.head.i in range(m.start, m.end) and root.head.i != root.i:
                root = root.head
            if root not in group and root.head.i == head.head.i and head.dep_ != "ROOT":
                group.insert(0, root)
            else:
                break
            i = m.start - 1
        return group

    def _class_at(self, tok: Token, by_tok: dict) -> str | None:
        m = by_tok.get(tok.i)
        if m is None or m.code is None:
            return None
        return "org" if m.kind == "org" else "state" if m.kind in (
            "country", "capital", "demonym", "metonym") else m.kind

    def _other_owner(self, head: Token, idx: frozenset[int], by_tok: dict, ctx: Discourse,
                     subject: Arg) -> Arg | None:
        """Whose "its" is in a target phrase: the sentence's main-clause subject, resolved,
        when it is another country than ``subject``, the one acting; else None."""
        subs = [x for x in sx.subjects(head.sent.root) if x.i not in idx and x.i != head.i]
        found = self._resolve_heads(subs, by_tok, ctx, None) if subs else []
        if found and found[0].actor.code != subject.actor.code:
            return found[0]
        return None

    @staticmethod
    def _sector_at(tok: Token, by_tok: dict) -> bool:
        """Whether ``tok`` is a sector noun whose "from" complement says whose it is
        ("officials from Kenya", "refugees from Sudan"; not armed forces: "the withdrawal of
        forces from Panama" is where they leave)."""
        m = by_tok.get(tok.i)
        return m is not None and m.kind == "sector" and m.sector not in ARMED_SECTORS

    @staticmethod
    def _code_at(tok: Token, by_tok: dict) -> str | None:
        m = by_tok.get(tok.i)
        return m.code if m is not None else None

    def _phrase(self, head: Token, exclude: set[int], locative: bool, by_tok: dict,
                ) -> list[Token]:
        """Tokens of the noun phrase headed by ``head``: modifiers, possessors, appositions and
        "of"-complements; no relative clauses, no coordinated siblings; locative complements
        ("the junta in Bamako") only when ``locative``. An "of"/"de" complement naming an actor
        is left out when the head is already coded ("les troupes françaises du Mali": du Mali is
        where they leave, not who they are)."""
        out: list[Token] = []
        coded = self._code_at(head, by_tok) is not None or any(
            c.dep_ in ("amod", "compound", "poss", "nmod:poss", "flat", "flat:name")
            and self._code_at(c, by_tok) is not None for c in head.children
        )
        stack = [head]
        while stack:
            t = stack.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS:
                    out.extend(c.subtree)  # "the mission, known as MINUSMA"
                    continue
                if c.i in exclude or c.dep_ in ("conj", "cc", "punct", "relcl", "acl",
                                                  "acl:relcl"):
                    continue
                if (c.dep_ == "npadvmod" and t.dep_ == "amod"
                        and t.lemma_.lower() in OWNER_PARTICIPLES):
                    stack.append(c)  # "US-led forces", "a Greek-owned tanker": the owner's
                    continue
                if c.dep_ not in PHRASE_DEPS:
                    continue
                if c.dep_ == "prep":
                    p = sx.prep_lemma(c)
                    if p == "from" and t.i == head.i and not coded and self._sector_at(
                            head, by_tok):
                        pass  # "officials from Kenya", "refugees from Sudan": whose they are
                    elif p not in PHRASE_PREPS and not (locative and p in LOCATIVE_PREPS):
                        continue
                    if t.i == head.i and coded and p in PHRASE_PREPS and any(
                        self._code_at(g, by_tok) for g in c.subtree
                    ):
                        continue
                elif c.dep_ == "nmod":
                    p = sx.case_of(c)
                    if p and p not in PHRASE_PREPS and not (locative and p in LOCATIVE_PREPS):
                        continue
                    if t.i == head.i and coded and p in PHRASE_PREPS and any(
                        self._code_at(g, by_tok) for g in c.subtree
                    ):
                        continue
                stack.append(c)
        return out

    def _resolve(self, head: Token, exclude: set[int], by_tok: dict, ctx: Discourse,
                 subject: Arg | None) -> list[Arg]:
        if head.pos_ == "PRON" and head.lower_ in PERSON_PRONOUNS:
            p = ctx.last_person
            return [Arg(p.actor, p.kind, frozenset({head.i}), True)] if p else []
        if head.pos_ == "PRON" and head.lower_ in SUBJ_PRONOUNS:
            # "Mali said it would ...": the subject of a governing verb in the same sentence
            for anc in sx.ancestors_in_clause(head.head, max_depth=3):
                subs = [x for x in sx.subjects(anc) if x.pos_ != "PRON"]
                if subs:
                    found = self._resolve_heads(subs, by_tok, ctx, subject)
                    if found:
                        return [Arg(a.actor, a.kind, frozenset({head.i}), True) for a in found]
            return [Arg(a.actor, a.kind, frozenset({head.i}), True) for a in ctx.last_subjects]
        if head.lemma_.lower() in COUNTRY_NOUNS and any(c.dep_ == "det" for c in head.children):
            # "the country", "le pays": the last country named before, not the subject's own
            own = subject.actor.code if subject is not None else None
            for i, code in reversed(ctx.countries):
                if i < head.i and code != own:
                    return [Arg(Actor(code, None, head.text), "country", frozenset({head.i}),
                                True)]
            return []
        if head.lemma_.lower() in BORDER_NOUNS and self._code_at(head, by_tok) is None:
            # "its border with Guyana", "sa frontière avec le Mali": the neighbour; "the
            # Ukrainian border", "Ukraine's border": the one named
            for c in head.children:
                m = by_tok.get(c.i)
                if (c.dep_ in ("amod", "compound", "poss", "nmod:poss") and m is not None
                        and m.code and m.kind in ("country", "demonym")):
                    return [Arg(Actor(m.code, None, c.text), "country", frozenset({c.i}), True,
                                border=True)]
            with_ = "with" if self.lang == "en" else "avec"
            # ("à sa frontière avec le Mali": the parser may hang the neighbour on the verb)
            for inner in sx.prep_objects(head, with_) or [
                    h for h in sx.prep_objects(head.head, with_) if h.i > head.i]:
                found = self._resolve(inner, exclude | {head.i}, by_tok, ctx, subject)
                if found:
                    return [replace(a, border=True) for a in found]
        for locative in (False, True):
            toks = self._phrase(head, exclude, locative, by_tok)
            idx = frozenset(t.i for t in toks)
            ms, seen = [], set()
            for t in sorted(toks, key=lambda x: x.i):
                m = by_tok.get(t.i)
                if m is not None and id(m) not in seen:
                    seen.add(id(m))
                    ms.append(m)
            if not ms:
                has_det = any(c.dep_ == "det" for c in head.children)
                known_head = ctx.head_memory.get(head.lemma_.lower())
                if known_head is not None and has_det:
                    return [Arg(known_head.actor, known_head.kind, idx, True)]
                if head.lemma_.lower() in ORG_NOUNS and has_det and ctx.org_counts:
                    # "the bloc", "l'organisation": the organisation the article is about
                    code = max(ctx.org_counts.items(), key=lambda kv: kv[1])[0]
                    return [Arg(Actor(code, "IGO", head.text), "org", idx, True)]
                if (subject is not None and head.lemma_.lower() in OWNED_TARGET_NOUNS
                        and any(c.lower_ in POSS_PRONOUNS for c in head.children)):
                    # "the attack by Somali militants on its border post": the clause
                    # subject's post, not the attackers'
                    owner = self._other_owner(head, idx, by_tok, ctx, subject)
                    if owner is not None:
                        return [Arg(Actor(owner.actor.code, None, head.text), owner.kind, idx,
                                    True)]
                if head.pos_ == "PROPN" and head.text in ctx.surnames:
                    known = ctx.surnames[head.text]
                    return [Arg(Actor(known.code, known.sector, head.text), "person", idx, True)]
                if not locative and head.lemma_.lower() in PLACE_TARGET_NOUNS:
                    # "a camp for Congolese refugees", "un camp pour réfugiés maliens": its people
                    for inner in sx.prep_objects(head, "for" if self.lang == "en" else "pour"):
                        found = self._resolve(inner, exclude | {head.i}, by_tok, ctx, subject)
                        if found:
                            return found
                if (locative and subject is not None and head.pos_ == "NOUN"
                        and head.lemma_.lower() in PLACE_TARGET_NOUNS):
                    # "fired at targets in Jericho", "raided homes in Pristina": the people of
                    # the place the gazetteer knows
                    code = self._located_in(toks, head, ctx)
                    if code is not None and not _same(subject.actor, Actor(code, "CVL", "")):
                        text = " ".join(t.text for t in sorted(toks, key=lambda x: x.i))
                        return [Arg(Actor(code, "CVL", text), "country", idx, True)]
                continue
            text = " ".join(t.text for t in sorted(toks, key=lambda x: x.i))
            actor = self.actors.actor_for(ms, text)
            if actor is not None:
                if not actor.text:
                    actor = Actor(actor.code, actor.sector, text)
                if any(t.lower_ in ("ethnic", "ethnique") and (
                        t.head.i == head.i or t.head.i in by_tok) for t in toks):
                    # ("ethnic Albanians", "ethnic Albanian guerrillas"; not "ethnic violence")
                    actor = self._ethnic_minority(actor, head, by_tok)
                if actor.sector is None and self._crowd_of(head, by_tok):
                    actor = Actor(actor.code, "CVL", actor.text)  # "thousands of Nigerians"
                actor = _former(actor, head)
                arg = Arg(actor, self._kind_of(ms, actor), idx)
                ctx.remember([arg], ms)
                if arg.kind in ("org", "group") and head.pos_ in ("NOUN", "PROPN"):
                    ctx.head_memory[head.lemma_.lower()] = arg
                return [arg, *self._distributed(arg, toks, head, by_tok, ctx)]
            sector = next((m.sector for m in ms if m.kind == "sector" and m.sector), None)
            if sector is None:
                continue
            code = None
            via = True
            if any(t.lower_ in POSS_PRONOUNS for t in toks):
                src = subject or (ctx.last_subjects[0] if ctx.last_subjects else None)
                if subject is not None:
                    # "Mexico condemned the raid by Ecuadorian police on its embassy", "Niger
                    # said France had violated its airspace": the clause's own subject, not
                    # the one acting on it
                    src = self._other_owner(head, idx, by_tok, ctx, subject) or src
                code = src.actor.code if src else None
            if code is None and not locative:
                continue  # try again with locative complements ("the junta in Bamako")
            if code is None:
                noun = next((m.text.lower() for m in ms if m.kind == "sector"), "")
                code = ctx.noun_code.get(noun)
                if code is None and noun in RULING_NOUNS:
                    code = ctx.noun_code.get("@ruling")
                if code is None and noun in RULING_NOUNS and ctx.country_counts:
                    # "the junta" with no country yet: of the countries the article names, the
                    # one under military rule at the time, the most named first
                    ranked = sorted(ctx.country_counts.items(), key=lambda kv: -kv[1])
                    code = next((c for c, _n in ranked
                                 if self.actors.military_rule(c, ctx.pub_date)), ranked[0][0])
            noun_last = next((m.text.lower().split()[-1] for m in ms if m.kind == "sector"), "")
            if (code is None and noun_last.rstrip("s") in PERSON_NOUNS
                    and ctx.last_person is not None
                    and ctx.last_person.actor.sector == sector):
                code = ctx.last_person.actor.code  # "the ambassador", "au diplomate"
            if code is None and sector in CHALLENGER_SECTORS:
                # "the Colombian government and ELN guerrillas": rebels, opposition or
                # protesters coordinated with a state's own actor are that state's
                code = self._coordinated_state(head, by_tok)
            if code is None and sector in CONTEXT_PLACE_SECTORS:
                code = self._place_country(head, ctx)
            if code is None:
                code = ctx.sector_code.get(sector)
            if code is None and sector in CONTEXT_PLACE_SECTORS:
                # "les partisans de la junte", "supporters of the junta": the country of whom
                # they side with
                of = "of" if self.lang == "en" else "de"
                for inner in sx.prep_objects(head, of):
                    if inner.i in exclude or self._code_at(inner, by_tok) is not None:
                        continue  # a named country was read with the phrase already
                    found = self._resolve(inner, exclude | {head.i}, by_tok, ctx, subject)
                    if found and found[0].kind != "org":
                        code = found[0].actor.code
                        break
            if code is None and sector in DOMESTIC_SECTORS and len(ctx.country_counts) == 1:
                code = next(iter(ctx.country_counts))
                via = True
            if code is None and sector in ("CVL", "COP") and ctx.country_counts:
                # protesters, police with nothing else to go by: those of the country the
                # article is mostly about, when one stands out (not rebels: often foreign-backed)
                ranked = sorted(ctx.country_counts.values(), reverse=True)
                if len(ranked) == 1 or ranked[0] > ranked[1]:
                    code = max(ctx.country_counts.items(), key=lambda kv: kv[1])[0]
            if (code is None and sector in CHALLENGER_SECTORS and subject is not None
                    and subject.actor.sector in STATE_SECTORS and subject.kind != "org"):
                # "The Sudanese government accused rebels of ...": a state acting on rebels,
                # protesters or the opposition with no country of their own acts at home
                # (not for help: "Kyiv had provided rebels with intelligence", see _code_trigger)
                actor = Actor(subject.actor.code, sector, text)
                return [Arg(actor, self._kind_of(ms, actor), idx, True, home=True)]
            if code:
                actor = _former(Actor(code, sector, text), head)
                return [Arg(actor, self._kind_of(ms, actor), idx, via)]
        return []

    def _distributed(self, arg: Arg, toks: Sequence[Token], head: Token, by_tok: dict,
                     ctx: Discourse) -> list[Arg]:
        """ "the foreign ministers of Mali, Burkina Faso and Niger": one actor per country."""
        out: list[Arg] = []
        inside = {t.i for t in toks}
        if self._code_at(head, by_tok) is None and arg.actor.sector:
            # "les chefs des juntes du Mali, du Burkina Faso et du Niger": several states
            for t in sorted(toks, key=lambda x: x.i):
                m = by_tok.get(t.i)
                if (m is not None and m.code and m.kind in ("country", "capital", "demonym")
                        and m.code != arg.actor.code
                        and all(a.actor.code != m.code for a in out)):
                    out.append(Arg(Actor(m.code, arg.actor.sector, m.text), arg.kind,
                                   frozenset({t.i})))
        for t in toks:
            if t.i != head.i and t.dep_ in ("pobj", "nmod") and self._code_at(t, by_tok) is None:
                # "a convoy of Malian soldiers and Wagner Group fighters"
                for conj in t.conjuncts:
                    if conj.i in inside:
                        continue
                    for extra in self._resolve(conj, inside, by_tok, ctx, None):
                        if extra.actor != arg.actor and all(a.actor != extra.actor for a in out):
                            out.append(extra)
            if t.i == head.i or self._code_at(t, by_tok) is None:
                continue
            for conj in t.conjuncts:
                code = self._code_at(conj, by_tok)
                if conj.i in inside or code is None or code == arg.actor.code or any(
                        a.actor.code == code for a in out):
                    continue
                actor = Actor(code, arg.actor.sector, conj.text)
                if all(a.actor != actor for a in out):
                    out.append(Arg(actor, arg.kind, frozenset({conj.i})))
        return out

    @staticmethod
    def _crowd_of(head: Token, by_tok: dict) -> bool:
        """A plural people noun counted or described as a crowd ("thousands of Nigerians",
        "young Algerians", "des milliers de Maliens", "100 Palestinians"): civilians, not the
        state their name comes from."""
        if head.lower_ in CROWD_WORDS and head.pos_ == "NOUN":
            return True  # "thousands (of Iraqi Kurds)"
        people = head.pos_ == "PROPN" or (
            head.i in by_tok and by_tok[head.i].kind == "demonym")  # "Nigerians", "Kurds"
        if not people or ("Plur" not in head.morph.get("Number")
                          and head.tag_ not in ("NNS", "NNPS")):
            return False
        if any(c.dep_ == "nummod" or c.lower_ in CROWD_WORDS for c in head.children):
            return True
        up = head.head
        if head.dep_ in ("pobj", "nmod") and up.dep_ == "prep":
            up = up.head
        return head.dep_ in ("pobj", "nmod") and up.lower_ in CROWD_WORDS

    def _ethnic_minority(self, actor: Actor, head: Token, by_tok: dict) -> Actor:
        """"Ethnic Albanians in south Serbia": people of the state they live in (civilians, or
        their own sector: "ethnic Albanian guerrillas in Macedonia"), not the state their name
        comes from, when the sentence places them in another country."""
        ins = ("in", "of", "en", "au", "aux", "dans", "de", "du")
        for tok in head.sent:
            m = by_tok.get(tok.i)
            if (m is None or m.kind not in ("country", "capital") or not m.code
                    or m.code == actor.code or tok.i != m.start):
                continue
            j = tok.i - 1  # "in south Serbia", "in southeastern Serbia", "in the Serbian ..."
            while j > head.sent.start and head.doc[j].pos_ in ("ADJ", "DET") and tok.i - j < 3:
                j -= 1
            if j >= head.sent.start and head.doc[j].lower_ in ins:
                return Actor(m.code, actor.sector or "CVL", actor.text)
        return actor

    @staticmethod
    def _coordinated_state(head: Token, by_tok: dict) -> str | None:
        """Country of a state (or its government, army, police) coordinated with ``head``."""
        partners = [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            partners.append(head.head)
        for p in partners:
            pm = by_tok.get(p.i)
            if pm is None:
                continue
            code = pm.code or next((by_tok[c.i].code for c in p.children
                                    if c.dep_ in ("amod", "compound", "poss", "nmod:poss", "nmod")
                                    and c.i in by_tok and by_tok[c.i].code), None)
            state = pm.sector in STATE_SECTORS | {"MIL"} or (
                pm.kind in ("country", "capital") and pm.sector is None)
            if code and state:
                return code
        return None

    @staticmethod
    def _located_in(toks: Sequence[Token], head: Token, ctx: Discourse) -> str | None:
        """Country of a gazetteer place inside a noun phrase's locative complement."""
        inside = {t.i for t in toks if t.i != head.i}
        doc_len = len(head.doc)
        for start, end, place in ctx.places:
            if place.country and end <= doc_len and any(i in inside for i in range(start, end)):
                return place.country
        return None

    @staticmethod
    def _place_country(head: Token, ctx: Discourse) -> str | None:
        best = None
        doc = head.doc
        for start, _end, place in ctx.places:
            j = min(start, len(doc)) - 1  # (places may be an earlier paragraph's)
            while j >= 0 and doc[j].pos_ == "DET":
                j -= 1
            if start <= len(doc) and j >= 0 and doc[j].lower_ in ("of", "de", "d'", "du", "des"):
                continue  # "le départ de la France": whose departure, not where they are
            if place.country:
                dist = abs(start - head.i)
                if best is None or dist < best[0]:
                    best = (dist, place.country)
        return best[1] if best else None

    def _kind_of(self, ms: Sequence, actor: Actor) -> str:
        kinds = {m.kind for m in ms}
        if "person" in kinds or any(
            m.kind == "sector" and m.text.lower().split()[-1].rstrip("s") in PERSON_NOUNS
            for m in ms
        ):
            return "person"
        return self._kind(actor)

    def _kind(self, actor: Actor) -> str:
        kind = self._kinds.get(actor.code, "country")
        if actor.sector in ("IGO", "NGO") or kind in ("igo", "ngo", "org", "organisation"):
            return "org"
        if kind in ("armed_group", "group"):
            return "group"
        return "country"

    # ------------------------------------------------------------------ build
    def _build(self, rule: Rule, trig: Trigger, v: Token, sent: Span, sources: list[Arg],
               targets: list[Arg], pub_date: date, article_id: str, dates, places,
               ctx_offset: int = 0) -> list[Event]:
        pairs: list[tuple[Arg, Arg | None]] = []
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif rule.reciprocal and len(sources) > 1:
            # "A and B agreed": each toward the other, as PLOVER codes joint acts
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        elif rule.no_target:
            pairs = [(s, None) for s in sources]
        pairs = [(s, t) for s, t in pairs if t is None or not _same(s.actor, t.actor)]
        if (not pairs and trig.lemma in self.lex.commitment and rule.container
                and trig.token.pos_ != "ADJ"):
            # "Vietnam is committed to opening up the economy": a commitment verb with no one
            # else named stands on its own ("is ready to find a solution" is too vague)
            pairs = [(s, None) for s in sources]
        if not pairs:
            return []
        tok = trig.token
        negated = self._negated(tok, v)
        plan = self._planned(tok, v, trig.nominal)
        planned = bool(plan)
        reported = self._reported(tok, sent)
        when = self._pick_date(tok, sent, dates, pub_date, planned)
        sentence = sent.text.rstrip()  # = doc.text[start_char:end_char], without joining the doc
        # an actor name is a place only after a locating preposition ("signed in Niamey")
        actor_toks = frozenset(
            t.i for t in sent
            if t.i - 1 >= sent.start and sent.doc[t.i - 1].lower_ not in LOCATIVE_PLACE_PREPS
            and self._is_actor_token(t)
        )
        # "will withdraw its force from Chad unless ...": a conditional announcement
        conditional = any(c.dep_ == "advcl" and sx.has_mark(c, ("unless",)) for c in v.children)
        events = []
        for s, t in pairs:
            used = s.tokens | (t.tokens if t else frozenset())
            conf = 0.6
            conf += 0.15 if t is not None and not t.via_context else 0.0
            conf -= 0.15 if s.via_context or (t is not None and t.via_context) else 0.0
            conf -= 0.1 if trig.guessed else 0.0
            conf -= 0.05 if trig.nominal else 0.0
            etype, emode = intent(rule.type, rule.mode, "" if negated else plan, t is not None,
                                  conditional)
            events.append(Event(
                article_id=article_id,
                sentence=sentence,
                sent_start=ctx_offset + sent.start_char,
                sent_end=ctx_offset + sent.start_char + len(sentence),
                type=etype,
                mode=emode,
                source=s.actor,
                target=t.actor if t else None,
                date=when,
                place=self._pick_place(tok, places, used | actor_toks),
                negated=negated,
                planned=planned,
                reported=reported,
                confidence=round(min(0.95, max(0.05, conf)), 2),
                # a promise or threat weighs what it announces ("will withdraw": RETREAT's)
                intensity=intensity(rule.type, rule.mode, rule.intensity),
                trigger=tok.text,
                lang=self.lang,
            ))
        return events

    def _protested_state(self, ev: Event) -> Event:
        """A protest that names no target, aimed at the state where it happens (else the
        protesters' own), as PLOVER codes it ("workers blocked roads in Algiers": DZA); also a
        protest called off. Only for a domestic group (a sector of a country), not a government
        protesting."""
        source, place = ev.source, ev.place
        if source.sector in (None, "GOV", "MIL", "IGO") or self._kind(source) != "country":
            return ev
        code = place.country if place is not None and place.country else source.code
        return replace(ev, target=Actor(code, None, ""), id="")

    def _is_actor_token(self, t: Token) -> bool:
        return t.ent_type_ in ("NORP", "ORG", "PERSON", "PER") or t.pos_ == "PROPN" and any(
            c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in t.children)

    # ------------------------------------------------------------------ flags
    def _is_neg(self, t: Token) -> bool:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in self.lex.negators
                                   and c.lower_ not in ("plus", "no")):
                return True
            if c.dep_ == "det" and c.lower_ in ("no", "aucun", "aucune"):
                return True
        return False

    def _negated(self, tok: Token, v: Token) -> bool:
        if self._is_neg(tok) or self._is_neg(v):
            return True
        # "did not decide to withdraw", "n'a pas l'intention de se retirer"
        if tok.dep_ in ("xcomp",) and self._is_neg(tok.head):
            return True
        return False

    def _has_future(self, t: Token) -> bool:
        if "Fut" in t.morph.get("Tense"):
            return True
        for c in t.children:
            if c.dep_ in ("aux", "aux:tense") and (c.lemma_.lower() in self.lex.future_aux
                                                   or "Fut" in c.morph.get("Tense")):
                return True
        return False

    def _planned(self, tok: Token, v: Token, nominal: bool) -> str:
        """How the act is planned: ``"intent"`` (future tense, or a planning verb of its
        source's will: "will withdraw", "plans to expel"), ``"prepared"`` (a verb of readiness:
        "prepared to resume shelling"), ``"decided"`` (a decision or a schedule: "decided to
        withdraw", "is due to leave", "the planned withdrawal") or ``""`` (not planned)."""
        if self._has_future(tok) or self._has_future(v):
            return "intent"
        if (v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX")
                and not any(c.dep_ in ("aux", "aux:tense") for c in v.children)):
            # "would bring its ambassador home and withdraw its soldiers"
            return self._planned(v.head, v.head, False)
        if nominal and any(c.lower_ in PLANNED_MODIFIERS for c in tok.children):
            return "decided"
        cur = v
        for anc in sx.ancestors_in_clause(v, max_depth=3):
            if cur.dep_ not in ("xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "acomp",
                                "advcl", "acl", "mark", "obl", "obl:arg"):
                break
            lemma = anc.lemma_.lower()
            if lemma in self.lex.decided:
                return "decided"
            if lemma in PREPARE_VERBS:
                return "prepared"
            if lemma in self.lex.planning or self._has_future(anc):
                return "intent"
            if lemma in ("go", "aller") and cur.dep_ == "xcomp":
                return "intent"
            cur = anc
        return ""

    def _reported(self, tok: Token, sent: Span) -> bool:
        cur = tok
        for anc in sx.ancestors_in_clause(tok, max_depth=4):
            if cur.dep_ in ("ccomp", "parataxis") and anc.lemma_.lower() in self.lex.speech:
                return True
            cur = anc
        low = sent.text.lower()
        return "according to" in low or "selon " in low

    # ----------------------------------------------------------- date, place
    def _dates(self, sent: Span, pub_date: date) -> list[tuple[int, int, ResolvedDate]]:
        if self.dates is None:
            return []
        return self.dates.find_dates(sent.text, pub_date, self.lang)

    def _pick_date(self, tok: Token, sent: Span, dates, pub_date: date,
                   planned: bool) -> ResolvedDate:
        if dates:
            pos = tok.idx - sent.start_char
            start, end, resolved = min(dates, key=lambda d: abs(d[0] - pos))
            if planned and self.dates is not None:
                again = self.dates.resolve_date(sent.text[start:end], pub_date, self.lang,
                                                future=True)
                if again is not None:
                    return again
            return resolved
        if self.dates is not None:
            return self.dates.publication(pub_date)
        return ResolvedDate(pub_date, "publication", None)

    def _places(self, sent: Span) -> list[tuple[int, int, Place]]:
        if self.places is None:
            return []
        return self.places.find_places(sent, self.lang)

    @staticmethod
    def _pick_place(tok: Token, places, used: frozenset[int]) -> Place | None:
        best = None
        for start, end, place in places:
            if any(i in used for i in range(start, end)):
                continue
            dist = min(abs(tok.i - start), abs(tok.i - (end - 1)))
            if best is None or dist < best[0]:
                best = (dist, place)
        return best[1] if best else None


def _former(actor: Actor, head: Token) -> Actor:
    """A former office holder ("the deposed president", "l'ancien ministre") is one of the
    elites (CAMEO ELI), no longer the government."""
    if actor.sector == "GOV" and any(c.lower_ in FORMER_WORDS for c in head.children
                                     if c.dep_ == "amod"):
        return Actor(actor.code, "ELI", actor.text)
    return actor


def _same(a: Actor, b: Actor) -> bool:
    """Self-directed events are dropped: one country's actors are the same actor when their
    sectors are equal, or when one is the country itself, except a country toward its own
    rebels, civilians or opposition ("Croatia is investigating crimes by Croatian extremists"),
    which PLOVER codes. ``a`` is the source, ``b`` the target."""
    if a.code != b.code:
        return False
    if a.sector == b.sector:
        return True
    if a.sector is None:
        return b.sector in STATE_SECTORS or b.sector == "MIL"
    return b.sector is None


def intent(etype: str, mode: str | None, plan: str, has_target: bool,
           conditional: bool = False) -> tuple[str, str | None]:
    """PLOVER's type for an act toward a target stated as intended ("France will provide aid
    to Niger", "would withdraw from Mali", "will impose sanctions on Niger"): a cooperative act
    promised is AGREE, a hostile act announced is THREATEN (CAMEO 03x and 13x, as in
    CAMEO2PLOVER); without a target ("will resign") the act keeps its type. Any act announced
    on a condition ("will withdraw its force unless ...") is a THREAT, and an attack prepared
    ("the army prepared to resume shelling") a show of force, MOBILIZE. The intended act is kept
    as the mode ("aid", "retreat"); the event stays ``planned`` and keeps the intended act's
    intensity. ``plan`` is ``Extractor._planned``'s kind ("" for a negated act); "decided"
    acts keep their type."""
    if plan == "prepared" and etype == "ASSAULT":
        return "MOBILIZE", "troops"
    if plan not in ("intent", "prepared") or not has_target:
        return etype, mode
    if conditional and etype not in ("AGREE", "THREATEN", "REQUEST"):
        return "THREATEN", etype.lower()
    if etype in INTENT_COOPERATIVE:
        return "AGREE", etype.lower()
    if etype in INTENT_HOSTILE:
        return "THREATEN", etype.lower()
    return etype, mode
