"""Clause detectors: sentences of licenses, policies and cards -> evidence about freedoms.

One mechanism for every document: each detector is a pattern over a sentence (with
exclusions), saying which freedoms it touches, whether it grants, conditions, restricts or
denies them, and in what words. Nothing here is keyed to a system or vendor name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from assistant.assess.sentences import clip, sentences
from assistant.numbers import parse_number
from assistant.types import Chunk, Evidence

LEGAL_KINDS = {"license", "policy"}
TERMS_KINDS = {"license", "policy", "card"}
ALL_THREE = ("use", "modify", "share")
HISTORY_HEADING = re.compile(r"histor|changelog|previous|earlier|timeline|ratings?\b|evaluation|benchmark|citation", re.I)
HISTORY_SENTENCE = re.compile(r"\b(previously|originally|formerly|used to|until (it|they|the)|was first|were first|at first|earlier (terms|license|versions?)|"
                              r"before (it|they|the) (was|were)|no longer|old(er)? (license|terms))\b", re.I)
EXCEPTION_WORDS = re.compile(r"\b(unless|except|provided that|only if|without (first )?(including|a copy|retaining|giving)|as long as|so long as)\b", re.I)
NEGATION = re.compile(r"\b(not|never|no|prohibit\w*|forbid\w*|may not|shall not|must not|will not|cannot|can't)\b", re.I)
CODE_ONLY = re.compile(r"\b(code|repository|repo|library|scripts?|codebase|software)\b", re.I)
MODEL_WORDS = re.compile(r"\b(weights?|model|models|parameters|checkpoints?|materials)\b", re.I)

NUMBER = r"(\d[\d,.]*)\s*(thousand|million|billion|k|m|mm|bn|b)?"
def _human(value: float) -> str:
    for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if value >= size:
            number = value / size
            return f"{number:g} {word}"
    return f"{value:g}"


@dataclass(frozen=True)
class Detector:
    clause: str
    pattern: re.Pattern
    freedoms: tuple[str, ...]
    effect: str
    condition: str | Callable[[re.Match, str], str]
    kinds: frozenset = frozenset(LEGAL_KINDS)
    unless: re.Pattern | None = None
    needs_negation: bool = False
    skip_code_only: bool = False
    detail: Callable[[re.Match, str], dict] | None = None


def _p(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


PERMISSIVE_NAMES = _p(
    r"\bapache(?:[- ]license)?,?[- ]?(?:version[- ])?2(?:\.0)?\b|\bapache-2\.0\b|\bmit license\b|\bunder (?:the )?mit\b|\bmit-licensed\b|"
    r"\blicen[cs]e:\s*mit\b|permission is hereby granted, free of charge|\bbsd[- ]?[23][- ]clause\b|\bbsd license\b|"
    r"\bcc[- ]by[- ]4\.0\b|\bcreative commons attribution 4\.0\b|\bcc0\b|\bpublic domain\b|\bodc-by\b|\bcdla-permissive|"
    r"\bosi[- ]approved\b|\bopen source initiative[- ]approved"
)
COPYLEFT_NAMES = _p(r"\bgnu (?:affero |lesser )?general public license\b|\b(?:a|l)?gpl(?:-?v?[23](?:\.0)?)?\b|\bmozilla public license\b|\bmpl[- ]?2|share[- ]?alike|\bcopyleft\b")
GENERIC_GRANT = _p(r"\bgrant\w*\b[^;]{0,160}\b(?:perpetual|worldwide|irrevocable|royalty[- ]free|no[- ]charge|free of charge)\b[^;]{0,240}\b(?:use|reproduce|modify|distribute|derivative)")
COMMERCIAL_OK = _p(r"\bcommercial (?:use|uses|usage|purposes|applications?|products?)\b[^;]{0,30}\b(?:is|are)\s+(?:permitted|allowed|granted)\b|"
                   r"\b(?:permits?|allows?)\b[^;]{0,30}\bcommercial\b|\bintended for commercial\b|\bcommercial and (?:non[- ]?commercial|research)\b|"
                   r"\bincluding commercial\b|\bfor any purpose\b|\bboth commercial\b")
NON_COMMERCIAL = _p(r"\bnon[- ]?commercial\b|\bresearch(?:[- ]purposes?)?[- ]only\b|\bonly for (?:non[- ]?commercial |academic )?research\b|"
                    r"\bsolely for (?:non[- ]?commercial |academic )?research\b|\bcommercial (?:use|uses|usage|purposes|applications?)\b[^;]{0,40}\b(?:is|are)\s+(?:not\s+(?:permitted|allowed)|(?:strictly\s+)?(?:prohibited|forbidden))|"
                    r"\b(?:may|shall|must|can)\s*not\b[^;]{0,60}\bcommercial\b|\bprohibit\w*[^;]{0,40}\bcommercial\b|\bnot (?:be )?(?:used )?for commercial\b|\bno commercial\b")
NON_COMMERCIAL_UNLESS = _p(r"\bintended (?:for|to be used|primarily)\b|\bprimary (?:intended )?use\b|\bnot (?:prohibited|forbidden|restricted)\b|\bno(?:t)? (?:restrict|prohibit|limit)\w* (?:on )?commercial\b|\bcommercial (?:and|or) non[- ]?commercial\b|\bnon[- ]?commercial (?:and|or) commercial\b|\bboth commercial\b|\bincluding commercial\b|"
                           r"\bcommercial (?:use|uses|purposes) (?:is|are) (?:permitted|allowed)\b|\bnot (?:a |the )?commercial user\b")
THRESHOLD = _p(NUMBER + r"\s*(?:monthly active users|daily active users|active users|monthly users|\bmau\b)")
ROYALTY = _p(r"\broyalt(?:y|ies)\b(?![- ]free)(?!\s+free)|\blicen[cs]e fee\b|\bpercentage of (?:your )?revenue\b")
ROYALTY_UNLESS = _p(r"\bwaives?\b|\bcollect\w* (?:any |such )?royalties\b|\bcollecting societ|\broyalty[- ]free\b|\bwithout (?:any )?(?:royalt|charge)|\bno (?:royalt|fee)|\bshall be royalty free\b")
REVENUE = _p(r"(?:\$|usd\s?|us\$)\s?(\d[\d,.]*)\s*(thousand|million|billion|k|m|mm|bn|b)?\b")
SEPARATE_PERMISSION = _p(
    r"\b(?:must|shall|need to|needs to|required to|have to|has to)\s+(?:first\s+)?(?:request|obtain|apply\s+(?:to\s+[^;]{0,40}?\s*)?for|seek|get|ask(?:\s+\w+)?\s+for)\b[^;]{0,80}\b(?:licen[cs]e|permission|consent|approval|authori[sz]ation)\b|"
    r"\bprior written (?:consent|permission|approval)\b|\bseparate (?:commercial )?(?:licen[cs]e|agreement)\b|\bwritten permission\b|"
    r"\bapply to [^;]{0,60}\bfor permission\b|\brequired? (?:applying|asking|requesting|obtaining)\b[^;]{0,60}\b(?:permission|licen[cs]e|approval)\b|"
    r"\brequires? (?:a |an )?(?:separate |written |prior )?(?:permission|licen[cs]e|approval) from\b|\bonly (?:after|with) [^;]{0,60}\b(?:permission|approval|consent)\b|\bnot authori[sz]ed to exercise\b"
)
SEPARATE_UNLESS = _p(r"\bremed(?:y|ies)\b|\bviolations?\b|\bno need\b|\bwithout (?:the )?need\b|\bnot (?:need|required)\b|\bdoes not require\b|\bwithout (?:having to )?ask|\btrademark|\btrade name|\blogo\b|\bagreed to in writing\b|\brequired by applicable law\b|\bsupersede\b|\bmay have executed\b")
AUP_EXPLICIT = _p(r"\bacceptable use policy\b|\bprohibited use policy\b|\buse[- ]based restrictions\b|\buse restrictions\b|\brestricted uses\b|\bprohibited uses\b|\busage policy\b|\buse policy\b")
AUP_GENERIC = _p(r"\byou agree not to use\b|\b(?:shall|must|will|may) not (?:be )?use[d]?\b[^;]{0,40}\b(?:to|for|in)\b|\bnot (?:be )?used (?:to|for)\b")
OUTPUT_BAN = _p(r"\b(?:outputs?|results|generations?)\b[^;]{0,120}\b(?:improve|train|develop|enhance|create)\b[^;]{0,80}\b(?:other|another|any other|competing|third[- ]party)\b[^;]{0,40}\b(?:models?|llms?|large language models?|ai)\b|"
                r"\b(?:train|improve|develop)\w*\b[^;]{0,60}\b(?:other|another|competing)\b[^;]{0,40}\b(?:models?|llms?)\b[^;]{0,60}\b(?:outputs?|results)\b")
NAMING = _p(r"\binclude\b[^;]{0,30}[\"“‘']?[A-Za-z][\w .-]{0,30}[\"”’']?\s+at the (?:beginning|start) of\b[^;]{0,60}\bname\b|\bprominently display\b[^;]{0,30}\bbuilt with\b|"
            r"[\"“]built with [^\"”]{2,40}[\"”]|\bnames? (?:must|shall) (?:begin|start|include)\b|\b(?:prefix|prepend)\w*\b[^;]{0,40}\bname\b|\bnaming (?:rule|requirement|convention)s?\b")
ATTRIBUTION = _p(r"\b(?:give|provide|include|ship|supply|accompan\w+)\b[^;]{0,40}\bcopy of\b[^;]{0,30}\b(?:license|licence|agreement|terms)\b|\bretain\b[^;]{0,80}\b(?:notices?|attribution|copyright)\b|\binclude\b[^;]{0,60}\b(?:copy of (?:this|the) (?:license|agreement)|notices?)\b|"
                 r"\bgive appropriate credit\b|\battribution notice\b|\bcopyright notice and this permission notice\b|\bprovide a copy of this agreement\b|"
                 r"\bkeep (?:the )?(?:license|copyright|attribution) notices?\b|\brequires? attribution\b|\bwith attribution\b")
HOSTING = _p(r"\bhosting (?:use|services?)\b|\bas a (?:hosted |managed )?service\b[^;]{0,80}\b(?:not|prohibit\w*|separate|permission|licen[cs]e|restrict\w*)\b|"
             r"\b(?:not|prohibit\w*|may not|shall not|must not)\b[^;]{0,60}\b(?:host|serve)\b[^;]{0,60}\b(?:others|third part\w+|public|service)\b|"
             r"\b(?:api|hosted) (?:access|services?)\b[^;]{0,60}\b(?:not permitted|prohibited|separate|permission|licen[cs]e required)\b")
REVOCABLE = _p(r"\brevocable\b|\breserves? the right to (?:restrict|revoke|terminate|suspend|withdraw)\b|\bmay (?:revoke|terminate|suspend)\b[^;]{0,80}\b(?:at any time|for any reason|without (?:cause|notice)|sole discretion)\b")
GEOGRAPHIC = _p(r"\b(?:domiciled|located|resident|residing|principal place of business|incorporated|based)\b[^;]{0,80}\b(?:european union|the eu)\b[^;]{0,200}|"
                r"\beuropean union\b[^;]{0,160}\b(?:not (?:being )?granted|excluded|does not apply|not available|not licensed)\b|"
                r"\b(?:not (?:being )?granted|not available|excluded|not licensed)\b[^;]{0,160}\b(?:european union|the eu)\b")
GEO_UNLESS = _p(r"\bgoverned by the laws\b|\bjurisdiction\b|\bvenue\b")
PASS_THROUGH = _p(r"\b(?:use[- ]based restrictions|use restrictions|restrictions|paragraph \d+|attachment a|acceptable use policy|prohibited use policy|use polic(?:y|ies))\b[^;]{0,200}\b(?:enforceable provision|any (?:type of )?(?:legal )?agreement|derivatives?|downstream|subsequent users|pass(?:ed|es)? (?:on|through|down)|flow(?:s)? down|modified versions?)\b|"
                  r"\b(?:derivatives?|derivative works?|modified versions?|fine-tuned (?:models?|versions?))\b[^;]{0,120}\b(?:subject to|bound by|same (?:use )?restrictions|must (?:comply|include|carry|inherit))\b[^;]{0,80}\b(?:restrictions|polic(?:y|ies)|use)\b")
DENY_SHARE = _p(r"\b(?:may|shall|must|can)\s*not\s+(?:\w+\s+){0,2}(?:distribute|redistribute|sublicense|share|publish)\b(?![^;]{0,40}\b(?:code|content|outputs?|text|information|data)\b)|\b(?:re)?distribution\b[^;]{0,20}\b(?:is )?(?:not permitted|prohibited|forbidden|not allowed)\b|\bno (?:right|license) to (?:re)?distribute\b")
DENY_MODIFY = _p(r"\b(?:may|shall|must|can)\s*not\b[^;]{0,40}\b(?:modify|create derivative|fine-?tune|alter|adapt)\b|\bno ?derivatives\b|\bmodifications? (?:is|are) (?:not permitted|prohibited)\b")
NEGATED_RESTRICTION = _p(r"\b(?:no|without|not subject to|remov\w+|dropp\w+|lift\w+|no longer|does not (?:impose|include|contain|have|set|add)|there (?:is|are) no|free of|nor|neither)\b[^;]{0,40}\b(?:restrict|limit|threshold|polic|non[- ]?commercial|royalt|fee|cap\b|condition|naming|revo|ban\b|prohibit)|"
                         r"\b(?:imposes|has|contains|includes|sets|adds|carries) no\b|\bdoes not (?:ban|prohibit|restrict|limit)\b|"
                         r"\b(?:is|are|was|were) not (?:restricted|limited|prohibited|forbidden|banned|capped)\b|\bnothing\b[^;]{0,60}\b(?:forbids|prohibits|restricts|bans|limits|prevents)\b")
CLAUSE_BREAK = re.compile(r";\s+|,?\s+\bbut\b\s+|,?\s+\bhowever\b,?\s+|,?\s+\bwhereas\b\s+", re.I)
PATENT_TERMINATION = _p(r"\bsues?\b[^;]{0,160}\b(?:loses?|terminat\w*|ends?)\b[^;]{0,40}\blicen[cs]es?\b|\b(?:institute|initiate|bring|file)\w*\b[^;]{0,60}\b(?:patent )?litigation\b[^;]{0,300}\b(?:terminat\w*|shall end|will end|cease)|"
                        r"\blitigation\b[^;]{0,200}\blicenses? granted[^;]{0,80}\bterminat")
PATENT_GRANT = _p(r"\bgrants? (?:to )?you\b[^;]{0,120}\bpatent license\b|\bpatent license to make, have made, use\b")
PATENT_EXCLUDED = _p(r"\bpatent (?:and trademark )?rights are not licensed\b|\bno patent (?:rights|license)s? (?:are|is) (?:granted|licensed)|\bdoes not grant\b[^;]{0,40}\bpatent")
NO_ADDED_TERMS = _p(r"\bmay not (?:offer or )?impose any additional (?:or different )?(?:terms|conditions|restrictions)|\bno downstream restrictions\b|"
                    r"\bnot impose any further restrictions\b")
WEIGHTS_CLOSED = _p(r"\bweights (?:are|were|have) not (?:been )?(?:released|published|made available|disclosed)\b|\b(?:only|solely) (?:available )?(?:via|through) (?:an |its |a )?(?:api|hosted service)\b|\bclosed[- ]weights?\b|\bweights are proprietary\b")


def _threshold_condition(match: re.Match, sentence: str) -> str:
    value = parse_number(match.group(1), match.group(2))
    return f"under {_human(value)} monthly active users (above that, a separate license is needed)"


def _threshold_detail(match: re.Match, sentence: str) -> dict:
    return {"threshold": parse_number(match.group(1), match.group(2))}


def _royalty_condition(match: re.Match, sentence: str) -> str:
    revenue = REVENUE.search(sentence)
    if revenue:
        return f"royalties or fees due above {revenue.group(0).strip()} of revenue"
    return "royalties or fees for some uses"


def _royalty_detail(match: re.Match, sentence: str) -> dict:
    revenue = REVENUE.search(sentence)
    return {"revenue_threshold": parse_number(revenue.group(1), revenue.group(2))} if revenue else {}


def _permission_scope(sentence: str) -> str:
    lower = sentence.lower()
    if "commercial" in lower:
        return "commercial"
    if re.search(r"\bhost|\bservice\b|\bapi\b", lower):
        return "hosting"
    if re.search(r"\bdistribut|\bsublicens", lower):
        return "share"
    return "general"


def _permission_condition(match: re.Match, sentence: str) -> str:
    scope = _permission_scope(sentence)
    return {"commercial": "commercial use needs the licensor's permission",
            "hosting": "hosting or serving it for others needs the licensor's permission",
            "share": "distribution needs the licensor's permission"}.get(scope, "a separate license or permission from the licensor is needed")


def _geo_condition(match: re.Match, sentence: str) -> str:
    scope = "multimodal models: " if re.search(r"multimodal|vision", sentence, re.I) else ""
    return f"{scope}rights not granted to people or companies based in the European Union"


def _output_detail(match: re.Match, sentence: str) -> dict:
    exception = re.search(r"\((?:excluding|except|other than) ([^)]{2,80})\)|\b(?:excluding|except for|other than) ([^,.;]{2,80})", sentence, re.I)
    return {"exception": (exception.group(1) or exception.group(2)).strip()} if exception else {}


def _naming_detail(match: re.Match, sentence: str) -> dict:
    prefix = re.search(r"\binclude\s+[\"“‘']([^\"”’']{2,30})[\"”’']\s+at the (?:beginning|start)", sentence, re.I)
    return {"prefix": prefix.group(1)} if prefix else {}


def _aup_condition(match: re.Match, sentence: str) -> str:
    lower = sentence.lower()
    if "acceptable use" in lower or "use policy" in lower or "prohibited use policy" in lower or "usage policy" in lower:
        return "acceptable use policy applies"
    return "use-based restrictions apply"


DETECTORS: tuple[Detector, ...] = (
    Detector("non_commercial", NON_COMMERCIAL, ALL_THREE, "restrict", "non-commercial use only", kinds=frozenset(TERMS_KINDS), unless=NON_COMMERCIAL_UNLESS),
    Detector("user_threshold", THRESHOLD, ALL_THREE, "restrict", _threshold_condition, kinds=frozenset(TERMS_KINDS), detail=_threshold_detail),
    Detector("royalty", ROYALTY, ALL_THREE, "restrict", _royalty_condition, kinds=frozenset(TERMS_KINDS), unless=ROYALTY_UNLESS, detail=_royalty_detail),
    Detector("separate_permission", SEPARATE_PERMISSION, ("use",), "restrict", _permission_condition, kinds=frozenset(TERMS_KINDS), unless=SEPARATE_UNLESS,
             detail=lambda m, s: {"scope": _permission_scope(s)}),
    Detector("output_ban", OUTPUT_BAN, ("modify",), "restrict", "no use of outputs to improve other models", kinds=frozenset(TERMS_KINDS),
             needs_negation=True, detail=_output_detail),
    Detector("acceptable_use", AUP_EXPLICIT, ("use", "modify"), "restrict", _aup_condition, kinds=frozenset(TERMS_KINDS)),
    Detector("acceptable_use", AUP_GENERIC, ("use", "modify"), "restrict", _aup_condition,
             unless=_p(OUTPUT_BAN.pattern + r"|\bexcept in compliance\b|\bexcept as (?:permitted|provided|expressly)\b")),
    Detector("pass_through", PASS_THROUGH, ("modify", "share"), "restrict", "use restrictions must be passed on to derivatives and recipients", kinds=frozenset(TERMS_KINDS)),
    Detector("naming", NAMING, ("modify", "share"), "restrict", "naming or branding rule for derivatives", kinds=frozenset(TERMS_KINDS),
             detail=_naming_detail),
    Detector("patent_termination", PATENT_TERMINATION, ("use", "modify", "share"), "condition",
             "patent license ends if you bring patent litigation over it", kinds=frozenset(TERMS_KINDS)),
    Detector("patent_grant", PATENT_GRANT, ("use",), "condition", "includes a patent license", kinds=frozenset(TERMS_KINDS)),
    Detector("patent_excluded", PATENT_EXCLUDED, ("use",), "condition", "no patent rights are licensed", kinds=frozenset(TERMS_KINDS)),
    Detector("no_added_terms", NO_ADDED_TERMS, ("share",), "condition", "no extra terms may be imposed on recipients", kinds=frozenset(TERMS_KINDS)),
    Detector("hosting", HOSTING, ("use", "share"), "restrict", "hosting or API services for others restricted", kinds=frozenset(TERMS_KINDS)),
    Detector("revocable", REVOCABLE, ("use", "study", "modify", "share"), "restrict", "the licensor can revoke or restrict the grant", kinds=frozenset(TERMS_KINDS)),
    Detector("geographic", GEOGRAPHIC, ALL_THREE, "restrict", _geo_condition, kinds=frozenset(TERMS_KINDS), unless=GEO_UNLESS),
    Detector("deny_share", DENY_SHARE, ("share",), "deny", "distribution not permitted", unless=EXCEPTION_WORDS),
    Detector("deny_modify", DENY_MODIFY, ("modify",), "deny", "modification not permitted", unless=EXCEPTION_WORDS),
    Detector("weights_closed", WEIGHTS_CLOSED, ("use", "study", "modify", "share"), "deny", "weights not released", kinds=frozenset(TERMS_KINDS | {"rating"})),
    Detector("share_alike", COPYLEFT_NAMES, ("modify", "share"), "condition", "share-alike: derivatives under the same terms", kinds=frozenset(TERMS_KINDS),
             unless=_p(r"use[- ]based|use restrictions|\bnot\b")),
    Detector("attribution", ATTRIBUTION, ("share",), "condition", "keep license and attribution notices", kinds=frozenset(TERMS_KINDS)),
    Detector("permissive_grant", PERMISSIVE_NAMES, ALL_THREE, "grant", "permissive license", kinds=frozenset(TERMS_KINDS),
             unless=_p(r"\b(not|unlike|instead of|rather than|no longer|except)\b|\bbased on the apache\b|\bnon[- ]?commercial\b"), skip_code_only=True),
    Detector("permissive_grant", GENERIC_GRANT, ALL_THREE, "grant", "broad license grant", kinds=frozenset(TERMS_KINDS)),
    Detector("permissive_grant", COPYLEFT_NAMES, ALL_THREE, "grant", "open source license", kinds=frozenset(TERMS_KINDS),
             unless=_p(r"use[- ]based|use restrictions|\bnot\b"), skip_code_only=True),
    Detector("commercial_ok", COMMERCIAL_OK, ("use",), "grant", "commercial use permitted", kinds=frozenset(TERMS_KINDS),
             unless=_p(r"\bnot\b|\bno\b|\bonly (?:after|with|if)\b|\bpermission\b|\bapply\b|\bmonthly active\b|\bmust request\b")),
)


def _clause_of(sentence: str, match: re.Match) -> str:
    """The part of a sentence (between ';', 'but', 'however') where a match starts."""
    start = 0
    for brk in CLAUSE_BREAK.finditer(sentence):
        if brk.start() > match.start():
            return sentence[start:brk.start()]
        start = brk.end()
    return sentence[start:]


NORMATIVE = _p(r"\b(?:licen[cs]e[ds]?|terms|only|not (?:be )?(?:permitted|allowed)|prohibit\w*|may not|must not|shall not|cannot|forbid\w*|restrict\w*|"
                r"permitted|allowed|requires?|must|policy)\b")
MODEL_IDENTIFIER = re.compile(r"(?<![\w/.-])[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*[-_](?:v?\d[\w.]*)(?:[-_.][A-Za-z0-9]+)*(?:\.tar)?")
OTHER_MODELS = _p(r"\b(?:other|later|earlier|newer|older|some|previous|successor|subsequent|sibling)\b[^;]{0,25}\b(?:models?|versions?|releases?)\b")


PART_BREAK = re.compile(r";\s*|,\s*(?:and|while|whereas|but)\s+|\s+but\s+|\s+whereas\s+|\s+while\s+", re.I)


def _about_another_system(sentence: str, others: tuple[re.Pattern, ...], own: tuple[re.Pattern, ...]) -> bool:
    if any(p.search(sentence) for p in own):
        return False
    return any(p.search(sentence) for p in others)


def own_part(sentence: str, others: tuple[re.Pattern, ...], own: tuple[re.Pattern, ...]) -> str | None:
    """The sentence, minus the parts about other systems; None when it is only about others.

    "MPT-7B-Instruct is under CC-BY-SA-3.0, and MPT-7B-Chat under CC-BY-NC-SA-4.0" keeps only
    its first part for MPT-7B-Instruct.
    """
    if not others or not any(p.search(sentence) for p in others):
        return sentence
    if not any(p.search(sentence) for p in own):
        return None
    parts = [part for part in PART_BREAK.split(sentence) if part and not _about_another_system(part, others, own)]
    return "; ".join(parts) if parts else None


def name_patterns(names) -> tuple[re.Pattern, ...]:
    """Whole-word, spacing-tolerant patterns for system names ('Llama 3' does not match 'Llama 3.1')."""
    patterns = []
    for name in names:
        parts = [re.escape(p) for p in re.split(r"[\s_-]+", name.strip()) if p]
        if parts and len("".join(parts)) >= 3:
            patterns.append(re.compile(r"(?<![\w.])" + r"[\s_-]?".join(parts) + r"(?![\w]|[.-]\w)", re.I))
    return tuple(patterns)


def about_unknown_model(sentence: str, own_keys: tuple[str, ...]) -> bool:
    """A card sentence naming only model identifiers that are not this system ("codestral-22B-v0.1.tar has ...")."""
    from assistant.store import normalize_name

    identifiers = [normalize_name(m.group(0).removesuffix(".tar")) for m in MODEL_IDENTIFIER.finditer(sentence)]
    identifiers = [i for i in identifiers if len(i) >= 5 and re.search(r"[a-z]{3}", i)]
    if not identifiers:
        return False
    return not any(i.startswith(key) or key.startswith(i) for i in identifiers for key in own_keys if key)


def detect(chunk: Chunk, *, others: tuple[re.Pattern, ...] = (), own: tuple[re.Pattern, ...] = (),
           history: bool = False, own_keys: tuple[str, ...] = ()) -> list[Evidence]:
    """Every clause found in one chunk.

    Sentences about other systems are skipped. History sections and sentences are skipped,
    unless history=True, when only they are read (a question about earlier terms).
    """
    kind = chunk.kind
    heading = str(chunk.metadata.get("heading", ""))
    in_history_section = bool(HISTORY_HEADING.search(heading)) and not re.search(r"ratings?|evaluation|benchmark|citation", heading, re.I)
    if HISTORY_HEADING.search(heading) and not in_history_section:
        return []
    if in_history_section and not history:
        return []
    found: list[Evidence] = []
    for sentence in sentences(chunk.text):
        is_history = in_history_section or bool(HISTORY_SENTENCE.search(sentence))
        if is_history != history:
            continue
        sentence = own_part(sentence, others, own)
        if sentence is None:
            continue
        if kind == "card" and own_keys and about_unknown_model(sentence, own_keys) and not any(p.search(sentence) for p in own):
            continue
        for detector in DETECTORS:
            if kind not in detector.kinds:
                continue
            match = detector.pattern.search(sentence)
            if not match:
                continue
            if detector.unless is not None and detector.unless.search(sentence):
                continue
            if detector.effect == "restrict" and NEGATED_RESTRICTION.search(_clause_of(sentence, match)):
                continue
            if detector.effect in {"restrict", "deny"} and kind == "card" and (len(sentence.split()) < 5 or not NORMATIVE.search(sentence)):
                continue  # a card's bare list item ("- Non-commercial entities") is not a term
            if detector.clause != "output_ban" and detector.effect in {"restrict", "deny"} and OTHER_MODELS.search(sentence):
                continue
            if detector.needs_negation and not NEGATION.search(sentence):
                continue
            if detector.skip_code_only and CODE_ONLY.search(sentence) and not MODEL_WORDS.search(sentence):
                continue
            condition = detector.condition(match, sentence) if callable(detector.condition) else detector.condition
            detail = {**(detector.detail(match, sentence) if detector.detail else {}), "kind": kind}
            found.append(Evidence(detector.clause, detector.freedoms, detector.effect, condition, clip(sentence), chunk.id, detail))
    return found
