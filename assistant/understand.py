"""Understand stage: a question -> systems named, freedoms at stake, intent and stated facts.

Names are matched against the catalog of indexed systems (names, aliases, families) after
normalising case, spacing and punctuation; sizes and suffixes such as "-7b-chat" fall back
to the base name; typos fall back to a close match. Nothing here knows any system by name:
everything comes from the catalog the index provides.
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict

from assistant.numbers import parse_number
from assistant.store import normalize_name
from assistant.types import FREEDOMS, Facts, Query, SystemInfo

# Words of other languages that carry the question's meaning, mapped to English ones,
# so a non-English question is understood (and answered in English, saying so).
LEXICON = {
    "de": {"kann": "can", "darf": "may", "ich": "i", "kommerziell": "commercially", "kommerziellen": "commercial",
           "nutzen": "use", "verwenden": "use", "benutzen": "use", "feinabstimmen": "fine-tune", "fine-tunen": "fine-tune",
           "anpassen": "modify", "verändern": "modify", "weitergeben": "redistribute", "verbreiten": "redistribute",
           "veröffentlichen": "publish", "untersuchen": "study", "trainingsdaten": "training data", "offen": "open",
           "quelloffen": "open source", "gewinnorientiert": "commercial", "militärische": "military", "militärisch": "military",
           "zwecke": "purposes", "forschung": "research", "nicht-kommerziell": "non-commercial", "nichtkommerziell": "non-commercial",
           "ein": "a", "eine": "a", "einem": "a", "unternehmen": "company", "firma": "company", "sitz": "based", "frankreich": "france",
           "deutschland": "germany", "österreich": "austria", "einsetzen": "use", "medizinische": "medical", "beratung": "advice",
           "freiheit": "freedom", "gewährt": "grant", "studieren": "study", "ausgaben": "outputs", "trainieren": "train", "anderes": "another",
           "modell": "model", "weiterverbreiten": "redistribute", "gewichte": "weights", "für": "for", "zu": "to", "wir": "we", "dürfen": "may"},
    "fr": {"puis-je": "can i", "peux": "can", "je": "i", "commercialement": "commercially", "commerciale": "commercial",
           "commercial": "commercial", "utiliser": "use", "affiner": "fine-tune", "modifier": "modify", "redistribuer": "redistribute",
           "partager": "share", "publier": "publish", "étudier": "study", "données": "data", "entraînement": "training",
           "ouvert": "open", "militaires": "military", "recherche": "research", "non": "non",
           "accorde": "grant", "accorde-t-il": "grant", "liberté": "freedom", "d'étudier": "to study", "d'utiliser": "to use",
           "sorties": "outputs", "entraîner": "train", "autre": "another", "modèle": "model", "pour": "to", "vendre": "sell",
           "entreprise": "company", "une": "a", "poids": "weights", "militaire": "military", "application": "application", "médical": "medical", "médicaux": "medical", "conseils": "advice"},
    "es": {"puedo": "can i", "usar": "use", "utilizar": "use", "comercialmente": "commercially", "comercial": "commercial",
           "ajustar": "fine-tune", "afinar": "fine-tune", "modificar": "modify", "redistribuir": "redistribute",
           "compartir": "share", "publicar": "publish", "estudiar": "study", "datos": "data", "entrenamiento": "training",
           "abierto": "open", "militares": "military", "investigación": "research",
           "salidas": "outputs", "entrenar": "train", "otro": "another", "modelo": "model", "libertad": "freedom", "vender": "sell",
           "empresa": "company", "otorga": "grant", "pesos": "weights", "médico": "medical", "médicos": "medical", "para": "to"},
    "it": {"posso": "can i", "usare": "use", "utilizzare": "use", "commercialmente": "commercially", "commerciale": "commercial",
           "modificare": "modify", "ridistribuire": "redistribute", "condividere": "share"},
    "pt": {"posso": "can i", "usar": "use", "comercialmente": "commercially", "modificar": "modify", "redistribuir": "redistribute"},
    "nl": {"mag": "may", "ik": "i", "commercieel": "commercially", "gebruiken": "use", "aanpassen": "modify", "verspreiden": "redistribute"},
}
LANGUAGE_MARKERS = {
    "de": {"ich", "kann", "darf", "und", "nicht", "das", "die", "der", "mit", "für", "kommerziell", "ist", "wir", "unser", "einem"},
    "fr": {"je", "puis-je", "peux", "le", "la", "les", "avec", "pour", "est-ce", "que", "une", "des", "commercialement", "est"},
    "es": {"puedo", "el", "la", "los", "con", "para", "una", "es", "comercialmente", "qué", "cómo", "usar"},
    "it": {"posso", "il", "con", "per", "una", "è", "commercialmente", "usare", "della"},
    "pt": {"posso", "com", "para", "uma", "é", "não", "comercialmente", "você"},
    "nl": {"ik", "mag", "het", "een", "met", "voor", "niet", "commercieel", "gebruiken"},
}
NON_LATIN = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")

ACTIONS: dict[str, list[str]] = {
    "modify": [r"fine[- ]?tun", r"\bmodif", r"\badapt", r"\bdistill", r"\bmerge", r"\bquantiz", r"\bretrain",
               r"\bderivative", r"\bcustomi[sz]", r"train\w* (a |another |my |our |other )?(own )?models? on (its |the )?output",
               r"outputs? to (train|improve)", r"\bchange (its|the) (output|behaviou?r|weights)", r"\blora\b", r"\bextend"],
    "use": [r"\buse\b", r"\busing\b", r"\bcommercial", r"\bdeploy", r"\brun\b", r"\bproduct", r"\bserve\b", r"\bapi\b",
            r"\bproduction\b", r"\bapp\b", r"\bsell", r"\bbusiness", r"\bship\b", r"\bbuild\b", r"\bintegrat", r"\bchatbot"],
    "share": [r"redistribut", r"\bdistribut", r"\bpublish", r"\brelease\b", r"\bshare\b", r"\bsharing\b", r"\bhost\b.*\b(for|to) (others|customers|users|the public)",
              r"\bupload", r"\bre-?upload", r"\bgive (it )?away", r"\bmirror", r"\bsublicens", r"\bbundle"],
    "study": [r"\binspect", r"\bstudy\b", r"\bstudying\b", r"\baudit", r"\bexamine", r"training data", r"training code",
              r"\bsource code\b", r"\bweights (are |is )?(available|released|published|open)", r"how (it|the model) works",
              r"\bdatasets?\b", r"\breproduc", r"\btransparen", r"\bdata information", r"\bcomponents?\b"],
}
FREEDOM_WORDS = {f: re.compile(rf"\bfreedom (to|of) {f}\b|\b{f} freedom\b|\ball (four|4|the) (four |4 )?freedoms\b|\bfour freedoms\b", re.I) for f in FREEDOMS}
COMPONENT_QUESTION = re.compile(r"\b(release[sd]?|available|open|published|public(ly)?|download(able)?|disclosed?|shared|access|get|see)\b", re.I)
PERMISSION = re.compile(r"\b(can|may|could|might) (i|we|you|one|my|our|a|an|the|companies|startups|someone)\b|\ballowed\b|\bpermitted\b|\blegal(ly)? to\b|"
                        r"\b(i|we) (can|could|may)\b|\b(allow|allows|permit|permits|forbid|forbids|ban|bans|prohibit|prohibits|lets?|restrict|restricts)\b (me|us|you|using|use|the|a|an|commercial|companies|military|fine|redistribut|\w+ing)|"
                        r"\b(ok|okay|fine|legal|possible)\s*\??\s*$|\bam i allowed\b|\bwithout a special license\b|\bdo (i|we) (need|have) to\b|"
                        r"\bis it ok\b|\bam i able\b|\bokay to\b|\bpermission to\b|\bdo i need\b|\bam i (free|licensed)\b|\bis .{1,40} allowed\b", re.I)
DEFINITION = re.compile(r"\b(osaid|open source ai definition|open source definition|\bosd\b|definition|checklist|draft|model openness framework|\bmof\b|"
                        r"preferred form|what (does|do|is|are) .{0,40}(require|mean|say)|four freedoms|what counts as)", re.I)
OUT_OF_SCOPE = re.compile(r"\b(ethic|ethical|safe|safety|responsib|trustworth|bias|fair|harm|toxic|moral|aligned|alignment|privacy|environment)", re.I)
CONFORMANCE = re.compile(r"\b(is|are|does|qualif\w*|count\w* as|meets?|conform\w*|comply|complies)\b.{0,60}\b(open[- ]source|open[- ]weights?|open\b|osaid)", re.I)
COMPARISON = re.compile(r"\b(more open|less open|most open|least open|equally open|as open as|compare|comparison|versus|vs\.?|difference between|differ|which|better|fewer|more restrictive|less restrictive)\b", re.I)
COMPONENTS = re.compile(r"\b(training data|training code|weights|datasets?|source code|inference code|checkpoints|data card|released|available)\b", re.I)

EU_PLACES = ("european union", r"\beu\b", "europe", "paris", "berlin", "munich", "hamburg", "frankfurt", "amsterdam", "madrid",
             "barcelona", "rome", "milan", "vienna", "brussels", "dublin", "lisbon", "warsaw", "prague", "stockholm", "copenhagen",
             "helsinki", "athens", "budapest", "germany", "france", "italy", "spain", "netherlands", "belgium", "austria",
             "ireland", "poland", "sweden", "denmark", "finland", "portugal", "greece", "czech", "hungary", "romania",
             "bulgaria", "croatia", "slovakia", "slovenia", "lithuania", "latvia", "estonia", "luxembourg", "malta", "cyprus")
# purpose -> (how a question says it, how a use policy says it)
PURPOSES = {
    "military": (r"\bmilitar|\bwarfare|\bweapon|\barmy\b|\bdefen[cs]e (contractor|industry|ministry)", r"\bmilitar|\bwarfare|\bweapon"),
    "surveillance": (r"\bsurveil|\btrack(ing)? (people|individuals)|\bfacial recognition", r"\bsurveil|\btracking|\bfacial recognition"),
    "medical": (r"\bmed\w{0,3}al\b|\bmedic|\bmed advice|\bdiagnos|\bclinic|\bhealth ?care|\blab results|\bpatients?\b",
                r"\bmedical|\bhealth|\bdiagnos|\bclinical"),
    "legal advice": (r"\blegal advice", r"\blegal\b"),
    "law enforcement": (r"\blaw enforcement|\bpolice|\bpredictive policing|\bcourts?\b|\bimmigration|\basylum",
                        r"\blaw enforcement|\bjustice|\bpolic(e|ing)|\bimmigration|\bcrime"),
    "critical infrastructure": (r"\bcritical infrastructure|\bnuclear|\bpower grid", r"\bcritical infrastructure|\bnuclear"),
    "biometric": (r"\bbiometric", r"\bbiometric"),
    "political campaigns": (r"\belection|\bpolitical campaign|\bcampaigning|\bpolitical (ads|advertising)", r"\belection|\bpolitical"),
    "disinformation": (r"\bdisinformation|\bmisinformation|\bfake news|\bpropaganda", r"\bdisinformation|\bmisinformation|\bfalse information|\bfalse"),
    "malware": (r"\bmalware|\bransomware|\bvirus(es)?\b|\bhack|\bcyber ?attack|\bexploits?\b", r"\bmalware|\bmalicious code|\bransomware|\bcyber"),
    "children": (r"\bchildren|\bminors\b|\bkids\b", r"\bchild|\bminors\b"),
    "spam": (r"\bspam", r"\bspam"),
    "employment decisions": (r"\bhiring|\bemployment|\brecruit|\bjob applicants", r"\bemployment|\bhiring"),
    "credit decisions": (r"\bcredit scor|\blending|\bloans?\b|\bmortgage", r"\bcredit\b|\blending|\bloans?\b|\bfinancial"),
    "housing decisions": (r"\brental|\btenant|\bhousing|\blandlord", r"\bhousing|\brental"),
    "harassment": (r"\bharass|\bbull(y|ying)\b|\bintimidat|\bstalk", r"\bharass|\bbully|\bintimidat|\bstalk"),
    "fake engagement": (r"\bfake (product )?reviews?|\bfalse (online )?engagement|\bastroturf", r"\bfake reviews?|\bfalse (online )?engagement"),
    "impersonation": (r"\bimpersonat|\bpretend(ing)? to be (someone|a person|a real)", r"\bimpersonat"),
    "crime prediction": (r"\bpredict\w*.{0,40}\b(crime|fraud|reoffend)|\bcrime prediction|\bpredictive policing|\blikely to commit",
                         r"\bcommit\w* .{0,20}(crime|fraud)|\bpredict\w*.{0,60}\b(crime|criminal|offen[cs]e|fraud)"),
    "discrimination": (r"\bdiscriminat|\bbased on (the )?(neighbou?rhood|race|ethnicity|religion|gender|zip code|postcode)",
                       r"\bdiscriminat"),
    "misrepresentation": (r"\b(a )?human (wrote|written|made)|\bhuman[- ](written|generated)|\bwithout (saying|disclosing|telling|mentioning|labell?ing|disclaiming)\b.{0,60}\b(machine|ai|model|bot)|"
                          r"\bpretend\w* .{0,20}human|\bnot (ai|machine)[- ]generated|\bpass (it|them) off as human",
                          r"\bhuman[- ]generated|\bmachine[- ]generated|\bdisclaim|\bdisclos\w+ .{0,40}\b(ai|machine|automat)|\brepresent\w* .{0,60}\bhuman"),
    "automated decisions": (r"\bautomatically (approve|deny|reject|decide|accept|score)|\bno human (in the loop|review)|\bwithout (any )?human (review|oversight|involvement)|\bfully automated",
                            r"\bautomated decision|\bfully automated"),
    "safety circumvention": (r"\b(strip|remove|disable|bypass|jailbreak)\w*\b.{0,30}\b(safety|guardrails?|safeguards?|filters?)|\buncensored\b",
                             r"\b(circumvent|bypass|disable|remove)\w*\b.{0,40}\b(safety|safeguard|guardrail|filter)|\bsafety (filters?|measures|mitigations)"),
}
USERS = re.compile(r"(\d[\d,.]*)\s*(k|thousand|m|mm|mio|million|millions|b|bn|billion|billions)?\+?\s*(?:monthly active |active |monthly |daily active |daily )?(?:users|mau|customers)\b", re.I)
REVENUE = re.compile(r"(?:\$|usd|us\$|€|eur)\s*(\d[\d,.]*)\s*(k|thousand|m|mm|million|b|bn|billion)?\b[^.?!]{0,40}\b(revenue|turnover|sales)|"
                     r"(\d[\d,.]*)\s*(k|thousand|m|million|b|bn|billion)?\s*(?:dollars|usd|euros?)[^.?!]{0,30}\b(revenue|turnover|sales)", re.I)
SIZE_SUFFIX = re.compile(r"(?:[-_ ]?(?:\d+(?:\.\d+)?[bmk]|chat|instruct|it|hf|base|pt|hf|v\d+(?:\.\d+)?))+$", re.I)
NAME_CANDIDATE = re.compile(r"\b([A-Z][a-z]+-[A-Z][A-Za-z0-9]*|[A-Z][A-Za-z]*(?:[-_ ]?\d+(?:\.\d+)?[A-Za-z]*)+|[A-Z][a-z]+[A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]*-?\d*[A-Za-z]*)\b")
NOT_NAMES = {"I", "OSAID", "OSI", "OSD", "EU", "API", "MAU", "US", "USA", "AI", "LLM", "LLMS", "UK", "GPU", "CPU", "MIT", "GPL",
             "RAIL", "MOF", "FAQ", "OK", "CEO", "SaaS", "PDF", "JSON", "QA"}



def detect_language(question: str) -> str:
    if NON_LATIN.search(question):
        return "other"
    words = set(re.findall(r"[\w'-]+", question.lower()))
    english = {"can", "i", "the", "is", "does", "use", "my", "for", "it", "of", "what", "which", "a", "to", "and"}
    scores = {lang: len(words & markers) for lang, markers in LANGUAGE_MARKERS.items()}
    best = max(scores, key=scores.get)
    if scores[best] >= 2 and scores[best] > len(words & english):
        return best
    return "en"


def translate(question: str, language: str) -> str:
    lexicon = LEXICON.get(language, {})
    return " ".join(lexicon.get(w.lower().strip("?.,!¿¡"), w) for w in question.split())


class SystemMatcher:
    """Finds catalog systems named in a text, with families and typo tolerance."""

    def __init__(self, catalog: dict[str, SystemInfo]) -> None:
        self.catalog = catalog
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.families: dict[str, set[str]] = defaultdict(set)
        for name, info in catalog.items():
            for label in (name, *info.aliases):
                key = normalize_name(label)
                if key:
                    self.keys[key].add(name)
            if info.family:
                self.families[normalize_name(info.family)].add(name)
        self.max_words = 6
        self.canonical = {normalize_name(name): name for name in catalog}
        self.mentions: dict[str, str] = {}

    def match(self, text: str) -> tuple[list[str], list[str], list[str]]:
        """-> (systems, family notes, unknown name candidates)."""
        words = re.findall(r"[A-Za-z0-9][A-Za-z0-9._/+-]*", text)
        suffixed = {i for i, w in enumerate(words) if re.search(r"-(?:powered|based|backed|driven|like|style|derived|tuned)\.?$", w, re.I)}
        words = [re.sub(r"-(?:powered|based|backed|driven|like|style|derived|tuned)$", "", w.rstrip("."), flags=re.I) for w in words]
        self.mentions = {}
        specific: list[tuple[int, str]] = []
        families: list[tuple[int, str, list[str]]] = []
        based_on: list[tuple[int, list[str]]] = []  # "a Mistral-based model": named only as a base
        shared: list[tuple[int, str, str, set[str]]] = []  # a system whose name is also its family's
        used = [False] * len(words)
        for size in range(min(self.max_words, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                if any(used[start:start + size]):
                    continue
                phrase = " ".join(words[start:start + size])
                names, is_family = self._lookup(phrase)
                if not names:
                    continue
                for i in range(start, start + size):
                    used[i] = True
                if set(range(start, start + size)) <= suffixed:
                    based_on.append((start, names))
                    continue
                if is_family:
                    families.append((start, phrase, names))
                    continue
                family = self.families.get(normalize_name(phrase), set())
                if len(names) == 1 and len(family) > 1 and names[0] in family:
                    # "StarCoder" names its own system, unless a sibling ("StarCoder2") is named too
                    shared.append((start, phrase, names[0], family))
                    continue
                for name in names:
                    if name not in {n for _, n in specific}:
                        specific.append((start, name))
                        self.mentions[name] = phrase
        for start, phrase, name, family in shared:
            if not ({n for _, n in specific} & (family - {name})):
                specific.append((start, name))
                self.mentions.setdefault(name, phrase)
        if not specific and not families:
            specific = [(start, name) for start, names in based_on for name in names]
        found = list(specific)
        notes: list[str] = []
        named = {n for _, n in specific}
        for start, phrase, names in families:
            if named & set(names):
                continue  # "Llama 3 ... or Llama anywhere": the version already named wins
            notes.append(f"'{phrase}' names a family; answering for each version: {', '.join(names)}")
            found.extend((start, name) for name in names if name not in {n for _, n in found})
        systems = [name for _, name in sorted(found, key=lambda pair: pair[0])]
        if not systems:
            systems = self._fuzzy(words)
            if systems:
                notes.append(f"read the name as {', '.join(systems)}")
        unknown = [] if systems else self._unknown_candidates(text)
        return systems, notes, unknown

    def _lookup(self, phrase: str) -> tuple[list[str], bool]:
        """-> (systems, whether the phrase names a family of several systems)."""
        key = normalize_name(phrase)
        if not key or len(key) < 2:
            return [], False
        stripped = normalize_name(SIZE_SUFFIX.sub("", phrase))
        if key in self.canonical:
            return [self.canonical[key]], False
        # a family name wins over a system that merely took it as an alias ("LLaMA")
        if len(key) >= 3 and len(self.families.get(key, ())) > 1:
            return sorted(self.families[key]), True
        if key in self.keys:
            return sorted(self.keys[key]), False
        if stripped and stripped != key and len(stripped) >= 3 and stripped in self.keys:
            return sorted(self.keys[stripped]), False
        for candidate in (key, stripped):
            if candidate and candidate in self.families and len(candidate) >= 3:
                names = sorted(self.families[candidate])
                return names, len(names) > 1
        return [], False

    def _fuzzy(self, words: list[str]) -> list[str]:
        """A typo in the letters of a name is forgiven; a different version number never is."""
        keys = [k for k in self.keys if len(k) >= 4]
        for size in (3, 2, 1):
            for start in range(0, len(words) - size + 1):
                key = normalize_name(" ".join(words[start:start + size]))
                if len(key) < 4 or key.isdigit():
                    continue
                letters, digits = _split_digits(key)
                best, best_score = None, 0.0
                for candidate in keys:
                    other_letters, other_digits = _split_digits(candidate)
                    if digits != other_digits or len(other_letters) < 3:
                        continue
                    score = difflib.SequenceMatcher(None, letters, other_letters).ratio()
                    if score > best_score:
                        best, best_score = candidate, score
                if best is not None and best_score >= 0.8:
                    return sorted(self.keys[best])
        return []

    def _unknown_candidates(self, text: str) -> list[str]:
        candidates = []
        for match in NAME_CANDIDATE.finditer(text):
            name = match.group(1).strip()
            if name.upper() in NOT_NAMES or name in NOT_NAMES or len(name) < 3:
                continue
            if re.fullmatch(r"(Can|May|Could|Does|Is|Are|What|Which|How|Do|Should|The|If|Under|With)\b.*", name):
                continue
            candidates.append(name)
        return list(dict.fromkeys(candidates))


VARIANT_SUFFIX = re.compile(r"(?:[-_ ]?(?:\d+(?:\.\d+)?[bmk]|chat|instruct|it|hf|base|pt))+(?:[-_ ]?v\d+(?:\.\d+)*)?$", re.I)


def resolve_name(name: str, catalog: dict[str, SystemInfo], *, within: str | None = None) -> str | None:
    """One model name -> the single catalog system it names, else None.

    Exact names and aliases match, and so do sizes and chat/instruct suffixes ("Llama-2-7b-chat");
    a bare version ("stable-diffusion-v1-1") does not fall back to another version. With
    within, the system must also carry that broader name (a rating's family or series name).
    """
    systems = {n: i for n, i in catalog.items() if set(i.kinds) & {"license", "card", "policy"}}
    keys: dict[str, set[str]] = defaultdict(set)
    for system, info in systems.items():
        for label in (system, *info.aliases):
            keys[normalize_name(label)].add(system)
    found = keys.get(normalize_name(name)) or keys.get(normalize_name(VARIANT_SUFFIX.sub("", name)))
    if not found or len(found) != 1:
        return None
    system = next(iter(found))
    if within:
        info = systems[system]
        labels = [normalize_name(x) for x in (system, *info.aliases, info.family) if x]
        if not any(normalize_name(within) in label for label in labels):
            return None
    return system


def component_asked(text: str) -> str | None:
    """Which OSI checklist component a question asks about, if any."""
    from assistant.assess.components import COMPONENTS

    for name, pattern in COMPONENTS.items():
        if pattern.search(text):
            return name
    return None


def _split_digits(key: str) -> tuple[str, str]:
    return re.sub(r"[\d.]", "", key), re.sub(r"[^\d.]", "", key)


AUDIENCE = re.compile(r"\b(users?|customers?|clients?|people|visitors|audiences?|offered|available|sell(ing)?|ship(ping)?|markets?)\b[^.?!]{0,15}$")


def asker_in_eu(lower: str) -> bool:
    """Whether the person asking is in the EU ("a company based in Paris"), not only their users."""
    for place in EU_PLACES:
        pattern = place if place.startswith("\\") else r"\b" + re.escape(place) + r"\b"
        for match in re.finditer(pattern, lower):
            if not AUDIENCE.search(lower[max(0, match.start() - 40):match.start()]):
                return True
    return False


def extract_facts(text: str) -> Facts:
    lower = text.lower()
    facts = Facts()
    if re.search(r"non[- ]?commercial|not for profit|non[- ]?profit|\bresearch\b|\bacademic|\buniversity|\bstudents?\b|personal (use|project)|hobby|for (a )?class|teaching|\bthesis\b", lower):
        facts.commercial = False
    if re.search(r"(?<!non-)(?<!non )\bcommercial(ly)?\b|for[- ]profit|\bsell|\bproduct\b|\bproducts\b|\bcompany\b|\bstartup\b|\bbusiness|\benterprise|\bsaas\b|"
                 r"\bmonetiz|\bpaid\b|\bcustomers\b|\bclients\b|\brevenue|\bin production\b", lower):
        facts.commercial = True if not re.search(r"non[- ]?commercial", lower) else facts.commercial
    for match in USERS.finditer(text):
        facts.monthly_active_users = int(parse_number(match.group(1), match.group(2)))
        if "customers" not in match.group(0).lower():
            break
    revenue = REVENUE.search(text)
    if revenue:
        digits, unit = (revenue.group(1), revenue.group(2)) if revenue.group(1) else (revenue.group(4), revenue.group(5))
        facts.annual_revenue = parse_number(digits, unit)
    facts.in_eu = asker_in_eu(lower)
    facts.purposes = [name for name, (pattern, _) in PURPOSES.items() if re.search(pattern, lower)]
    facts.uses_outputs_for_training = bool(re.search(r"outputs?.{0,40}\b(train|improve|fine-tune|distill|build|create)|"
                                                     r"\b(train|improve|fine-tune|build)\w*\b.{0,50}\b(on|with|from|using) (its|the|their|llama|model)\w*.{0,20}outputs?|"
                                                     r"\bdistill|synthetic data", lower))
    facts.historical = bool(re.search(r"\b(original|originally|first (released|published|license|licen[cs]ed)|earlier|previous(ly)?|old(er)? (license|terms)|"
                                      r"back in|at (launch|release)|when it (was )?(first )?(released|launched|published)|under (its|the) first)\b", lower))
    waives = []
    if re.search(r"without (mentioning|naming|crediting|saying|attributing|any mention|displaying)|whatever (name|i want|we want)|"
                 r"\bname\b.{0,40}\b(whatever|anything)|\brebrand|remove .{0,30}\b(name|branding|built with)", lower):
        waives += ["naming", "attribution"]
    if re.search(r"without (passing|including|carrying|keeping|forwarding)\b.{0,40}\b(restrictions?|polic)|no use restrictions|"
                 r"without (its|the|any|their|.{0,20}'s) (use )?restrictions|under (the |a |an )?(mit|apache|bsd|my own|our own|a different|proprietary|closed[- ]source|commercial)\b.{0,20}licen|\brelicens|"
                 r"\blicen[cs]e (it|my|our|the|this|that)\b.{0,40}\bunder (the |a |an )?(mit|apache|bsd|gpl|cc|proprietary|my own|our own|a different|another)", lower):
        waives += ["pass_through"]
    if re.search(r"without (?:\w+ing )?(?:the |a |any |a copy of (?:the )?)?(?:[\w.-]+ ){0,2}(?:license|licence|agreement|notices?|attribution|credit|copyright)\b|"
                 r"remove (the )?(license|notice|copyright|attribution)", lower):
        waives += ["attribution"]
    if re.search(r"without (first )?(asking|any access request|an access request|requesting|a request|registering|signing|approval|filling|agreeing|accepting|a form|consent)", lower):
        waives += ["access_request"]
    if re.search(r"\badd (a|an|any|my own|our own|extra|additional|further) (term|terms|restriction|restrictions|clause|condition)|\bimpose (my own|our own|additional|extra|further)", lower):
        waives += ["no_added_terms"]
    facts.waives = list(dict.fromkeys(waives))
    named = re.search(r"\b(?:call|name|release|publish|brand|ship|market)\w*\b(?: (?:it|them|this|that|my|our|the)\b[\w -]{0,30}?)? (?:as|it|them)? ?['\"\u2018\u201c]([^'\"\u2019\u201d]{2,40})['\"\u2019\u201d]", text)
    facts.derivative_name = named.group(1).strip() if named else None
    facts.litigation = bool(re.search(r"\bsue[sd]?\b|\blitigation|\blawsuit|\bpatent (claim|suit|infringement)", lower))
    facts.asks_patent = bool(re.search(r"\bpatent (rights|license|licence|grant)", lower))
    facts.end_user = bool(re.search(r"\buse an? (app|application|product|service|website|chatbot) (that|which) (runs|is built|uses)|\bend[- ]users?\b", lower))
    facts.text_only = bool(re.search(r"\btext[- ]only\b|\btext models?\b|\b(1b|3b)\b", lower)) and not re.search(r"vision|multimodal|image", lower)
    facts.hosting = bool(re.search(r"\bhost|\bas a service|\bsaas\b|\bapi\b|\bserve\b.{0,30}\b(others|customers|users|public)|inference endpoint", lower))
    return facts


def understand(question: str, catalog: dict[str, SystemInfo]) -> Query:
    question = " ".join(question.split())
    language = detect_language(question)
    text = translate(question, language) if language not in {"en", "other"} else question
    matcher = SystemMatcher({n: i for n, i in catalog.items() if not _is_definition(i)})
    systems, notes, unknown = matcher.match(text)
    definitions, _, _ = SystemMatcher({n: i for n, i in catalog.items() if _is_definition(i)}).match(text)
    lower = text.lower()

    freedoms = [f for f in FREEDOMS if FREEDOM_WORDS[f].search(text)]
    conformance = bool(CONFORMANCE.search(text)) and not PERMISSION.search(text)
    if not freedoms:
        for freedom in ("modify", "share", "study", "use"):
            if any(re.search(p, lower) for p in ACTIONS[freedom]):
                freedoms.append(freedom)
    facts = extract_facts(text)
    if (facts.commercial is not None or facts.purposes) and "use" not in freedoms:
        freedoms.append("use")
    if facts.uses_outputs_for_training and "modify" not in freedoms:
        freedoms.append("modify")
    asks_permission = bool(PERMISSION.search(text)) and not FREEDOM_WORDS_ANY.search(text)

    if len(systems) >= 2 and COMPARISON.search(text):
        intent = "comparison"
    elif OUT_OF_SCOPE.search(text) and not asks_permission:
        intent = "out_of_scope"
    elif any(FREEDOM_WORDS[f].search(text) for f in FREEDOMS):
        intent = "freedom"
    elif conformance and systems:
        intent = "conformance"
        freedoms = list(FREEDOMS)
    elif systems and component_asked(text) and COMPONENT_QUESTION.search(text) and not facts.commercial \
            and not re.search(r"fine[- ]?tun|redistribut|\bsell\b|\bdeploy|\bmodif", lower):
        intent = "components"
    elif asks_permission and (systems or unknown):
        intent = "permission"
    elif (definitions or DEFINITION.search(text)) and not systems:
        intent = "definition"
    elif systems and COMPONENTS.search(text) and not asks_permission:
        intent = "components"
    elif asks_permission or (systems and freedoms and text.rstrip().endswith("?")):
        intent = "permission"
        asks_permission = True
    else:
        intent = "general"
    if facts.asks_patent and systems and intent not in {"comparison"}:
        intent, asks_permission = "permission", True
    if intent in {"permission"} and not freedoms:
        freedoms = ["use"]
    if intent in {"comparison", "general"} and systems and not freedoms:
        freedoms = list(FREEDOMS)
    if intent == "components":
        freedoms = ["study"]
    ordered = [f for f in FREEDOMS if f in freedoms]
    if language != "en":
        notes.append("answered in English" if language != "other" else "question not in a language I can read")
    return Query(
        question=question, systems=systems,
        unknown_names=unknown if not systems and not definitions and intent != "definition" else [], freedoms=ordered,
        asks_permission=asks_permission and intent == "permission", facts=facts, intent=intent,
        language=language, notes=notes, mentions=dict(matcher.mentions),
    )


FREEDOM_WORDS_ANY = re.compile(r"\bfreedoms? (to|of)\b", re.I)


def _is_definition(info: SystemInfo) -> bool:
    return bool(info.kinds) and set(info.kinds) <= {"definition", "framework"}
