"""Word lists for the reply check (Dutch, English, French) and the reply-language example texts
its suggestions quote.

Patterns are regular expressions matched case-insensitively on word boundaries (``(?<!\\w)`` and
``(?!\\w)`` are added), after typographic apostrophes became plain ones. Example texts are in the
*reply's* language, not the agent's: they are text to paste into the reply, so they are not
gettext strings.
"""

from __future__ import annotations

import re
from functools import cache

LANGUAGES = ("nl", "en", "fr")

# --- acknowledging the feeling -------------------------------------------------------------------
ACKNOWLEDGE = {
    "nl": [
        r"begrijp\w*",
        r"(?:heel |erg |wat |ontzettend |zeer )?vervelend\w*",
        r"sorry",
        r"excuses",
        r"verontschuldig\w*",
        r"spijt",
        r"(?:kan|kunnen) (?:me|mij|ons|wij|we|ik) (?:goed |heel goed )?voorstellen",
        r"(?:kan|kunnen) (?:ik|wij|we) (?:me|mij|ons) (?:goed |heel goed )?voorstellen",
        r"(?:wat|heel|erg|zo) (?:akelig|naar|rot|een nare ervaring)",
        r"akelig|jammer|geschrokken|teleurstellend",
        r"teleurstelling",
        r"(?:uw|je) (?:boosheid|frustratie|zorgen|ongerustheid)",
        r"(?:ik|wij|we) (?:lees|lezen|hoor|horen) hoe",
        r"(?:dat|wat) moet (?:\w+ ){0,3}(?:zijn geweest|hebben gevoeld)",
    ],
    "en": [
        r"(?:i|we) (?:fully |completely |really |can )?understand",
        r"understandabl[ey]",
        r"(?:i'?m|i am|we'?re|we are) (?:so |very |truly |really )?sorry",
        r"sorry",
        r"apologi[sz]e\w*",
        r"apolog(?:y|ies)",
        r"must have been",
        r"(?:i|we) can (?:only |well )?imagine",
        r"(?:so |very |really )?(?:frustrating|upsetting|distressing|worrying|disappointing)",
        r"(?:that|this) sounds",
        r"(?:your|the) (?:frustration|disappointment|worry|worries|concern|concerns)",
        r"(?:i|we) (?:hear|can see) (?:how|that)",
    ],
    "fr": [
        r"(?:je|nous) comprend\w*",
        r"désolée?s?",
        r"excuses",
        r"navrée?s?",
        r"regrett\w*",
        r"(?:je|nous) (?:imagine|imaginons)",
        r"(?:votre|la) (?:frustration|déception|inquiétude)",
    ],
}

# --- blame and defensive wording, with a kinder replacement in the same language -----------------
BLAME: dict[str, list[tuple[str, str]]] = {
    "nl": [
        (
            r"(?:u|je|jij) (?:had|hebt|heeft) (?:\w+ ){0,4}moeten",
            "Een tip voor een volgende keer: …",
        ),
        (r"had (?:u|je|jij) (?:\w+ ){0,4}(?:moeten|gedaan)", "Een tip voor een volgende keer: …"),
        (
            r"zoals (?:al |reeds |ook )?(?:eerder |eerder al |al eerder |reeds eerder )?"
            r"(?:vermeld|aangegeven|gezegd|gemeld|uitgelegd|gecommuniceerd|verteld)",
            "Om het nog even op een rij te zetten: …",
        ),
        (
            r"(?:dat|dit|het) is niet onze (?:schuld|fout|verantwoordelijkheid)",
            "Ik begrijp hoe vervelend dit voor u is, en ik zoek graag met u uit wat er is gebeurd.",
        ),
        (r"niet (?:aan )?onze (?:schuld|fout)", "Ik zoek graag met u uit wat er is gebeurd."),
        (
            r"volgens (?:onze|de) (?:algemene )?(?:voorwaarden|regels|procedure)",
            "Leg in gewone woorden uit waarom: “Omdat …, kunnen wij …”",
        ),
        (
            r"(?:dat|dit|het) is (?:nu eenmaal )?(?:ons|het) beleid",
            "Leg in gewone woorden uit waarom: “Omdat …, kunnen wij …”",
        ),
        (r"helaas kunnen (?:wij|we|ik) (?:\w+ ){0,2}niets", "Wat ik wél voor u kan doen, is …"),
        (
            r"(?:daar|hier) (?:kunnen|kan) (?:wij|we|ik) (?:helaas )?niets (?:aan )?(?:doen|veranderen)",
            "Wat ik wél voor u kan doen, is …",
        ),
        (
            r"(?:wij|we|ik) (?:zijn|ben) niet (?:verantwoordelijk|aansprakelijk)",
            "Wij zoeken zorgvuldig uit wat er is gebeurd.",
        ),
        (
            r"(?:u|je|jij) (?:bent|was) (?:de )?enige",
            "Laat deze zin weg: voor de consument telt alleen hun eigen ervaring.",
        ),
        (
            r"niemand anders (?:heeft|had) (?:hier(?:over)? |daar(?:over)? )?(?:geklaagd|geklaagd)",
            "Laat deze zin weg: voor de consument telt alleen hun eigen ervaring.",
        ),
        (
            r"zoals (?:u|je) (?:had kunnen|kunt|kon) lezen",
            "Om het nog even op een rij te zetten: …",
        ),
        (
            r"(?:rustig aan|kalmeer|blijf rustig|doe (?:eens )?rustig)",
            "Ik begrijp dat u boos bent, en ik wil u graag helpen.",
        ),
    ],
    "en": [
        (r"you (?:should|could|ought to)(?: have|'ve)", "Next time, it may help to …"),
        (
            r"as (?:i|we) (?:have )?(?:already |previously )?(?:said|stated|mentioned|explained)",
            "To recap: …",
        ),
        (
            r"as (?:previously|already|stated|mentioned) (?:stated|mentioned|explained|said|before)",
            "To recap: …",
        ),
        (
            r"(?:it'?s|it is|this is|that is|that'?s) not our (?:fault|problem|responsibility)",
            "I can see how upsetting this is, and I will find out what happened.",
        ),
        (r"not our (?:fault|problem)", "I will find out what happened."),
        (r"(?:company|our) polic(?:y|ies)", "Explain the reason in plain words: “Because …, we …”"),
        (
            r"(?:per|according to|under) (?:our|the) (?:terms|policy|conditions)",
            "Explain the reason in plain words: “Because …, we …”",
        ),
        (
            r"unfortunately,? (?:we|i) (?:cannot|can't|can not|are unable to|am unable to)",
            "What I can do is …",
        ),
        (r"there(?:'s| is) nothing (?:more )?(?:we|i) can do", "What I can do is …"),
        (
            r"(?:we|i) (?:are|am|'re|'m) not (?:responsible|liable)",
            "We are looking carefully into what happened.",
        ),
        (r"you (?:failed|neglected|forgot) to", "Next time, it may help to …"),
        (
            r"(?:no one|nobody) else (?:has )?complained",
            "Leave this out: for the consumer only their own experience counts.",
        ),
        (
            r"you(?:'re| are) the only one",
            "Leave this out: for the consumer only their own experience counts.",
        ),
        (r"calm down", "I understand you are angry, and I want to help."),
    ],
    "fr": [
        (r"vous auriez (?:dû|pu)", "La prochaine fois, il peut être utile de …"),
        (
            r"comme (?:déjà |nous l'avons )?(?:indiqué|mentionné|dit|expliqué)(?: précédemment)?",
            "Pour résumer : …",
        ),
        (
            r"ce n'est pas (?:de )?notre (?:faute|responsabilité)",
            "Je comprends à quel point c'est désagréable, et je cherche ce qui s'est passé.",
        ),
        (
            r"selon nos (?:conditions|règles)",
            "Expliquez la raison simplement : « Comme …, nous … »",
        ),
        (
            r"politique (?:de l'entreprise|de la société|interne)",
            "Expliquez la raison simplement : « Comme …, nous … »",
        ),
        (r"malheureusement,? nous ne pouvons (?:pas|rien)", "Ce que je peux faire, c'est …"),
        (r"calmez-vous", "Je comprends votre colère, et je veux vous aider."),
    ],
}

# --- thanks for patience (or an apology for the wait) --------------------------------------------
PATIENCE = {
    "nl": [
        r"(?:bedankt|dank(?: u| je)?(?: wel)?) (?:voor|dat) (?:uw|je|jouw) (?:geduld|wachten)",
        r"(?:uw|je|jouw) geduld",
        r"geduldig",
        r"(?:sorry|excuses|spijt)\b.{0,40}\b(?:wachten|wachttijd|lang duurde|lang heeft geduurd|laat)",
        r"(?:lange|late) (?:wachttijd|reactie|antwoord)",
    ],
    "en": [
        r"(?:thank you|thanks) (?:so much |very much )?for (?:your patience|waiting|bearing with us"
        r"|being patient)",
        r"your patience",
        r"(?:sorry|apologi[sz]e|apologies)\b.{0,40}\b(?:wait|delay|so long|late reply)",
        r"bearing with us",
    ],
    "fr": [
        r"merci (?:pour|de) votre (?:patience|attente)",
        r"votre patience",
        r"(?:désolée?|excuses)\b.{0,40}\b(?:attente|retard)",
    ],
}

# The consumer says they have been waiting.
WAITING = {
    "nl": [
        r"(?:wacht|wachten|wachtte|gewacht)",
        r"nog (?:steeds|altijd) (?:geen|niets|niks|niet)",
        r"geen (?:reactie|antwoord|bericht)",
        r"(?:niets|niks) (?:meer )?(?:gehoord|vernomen)",
        r"al (?:\d+|twee|drie|vier|vijf|een paar|dagen|weken|maanden)(?: (?:dagen|weken|maanden))?",
        r"hoe lang (?:nog|moet)",
    ],
    "en": [
        r"wait(?:ing|ed)?",
        r"still (?:no|not|haven't|have not|nothing|waiting)",
        r"no (?:reply|response|answer|word)",
        r"(?:haven't|have not|never) (?:heard|had a reply|received a reply)",
        r"for (?:days|weeks|months)",
        r"how much longer",
    ],
    "fr": [
        r"j'attends",
        r"attendre",
        r"attente",
        r"toujours (?:pas|rien|aucune?)",
        r"aucune (?:réponse|nouvelle)",
        r"depuis des (?:jours|semaines|mois)",
    ],
}

# A next step without a date ("we look into it"): the check says "when?".
NEXT_STEP_WITHOUT_TIME = {
    "nl": [
        r"(?:wij|we|ik) (?:\w+ ){0,2}(?:neem|nemen|bel|bellen|stuur|sturen|laat|laten|zoek|zoeken"
        r"|onderzoek|onderzoeken|kijk|kijken|zorg|zorgen|informeer|informeren|kom|komen)",
        r"(?:u|je) (?:hoort|ontvangt|krijgt)",
    ],
    "en": [
        r"(?:we|i)(?:'ll| will| are going to| am going to|'re going to|'m going to)",
        r"you(?:'ll| will) (?:hear|receive|get)",
    ],
    "fr": [r"nous (?:allons|vous \w+rons)", r"je vais", r"vous (?:recevrez|aurez)"],
}

# --- internal words ------------------------------------------------------------------------------
# (pattern, case-sensitive?, plain words in nl / en / fr)
JARGON: list[tuple[str, bool, dict[str, str]]] = [
    (
        r"SLA'?s?",
        True,
        {"nl": "onze reactietermijn", "en": "our response time", "fr": "notre délai de réponse"},
    ),
    (
        r"ticket(?:s|nummer|number|nr)?",
        False,
        {"nl": "uw melding", "en": "your case", "fr": "votre demande"},
    ),
    (
        r"escalat(?:ie|ies|ion|ions|ed|e)|ge[eë]scaleerd|escaleren|escalade|escaladé",
        False,
        {
            "nl": "doorgezet naar een specialist",
            "en": "passed on to a specialist",
            "fr": "transmis à un spécialiste",
        },
    ),
    (
        r"back[\s-]?office",
        False,
        {"nl": "onze specialisten", "en": "our specialist team", "fr": "notre équipe spécialisée"},
    ),
    (
        r"front[\s-]?office",
        False,
        {"nl": "onze klantenservice", "en": "our customer service", "fr": "notre service client"},
    ),
    (r"RMA", True, {"nl": "retourformulier", "en": "return form", "fr": "formulaire de retour"}),
    (
        r"L[123]|(?:level|tier)[\s-]?[123]|(?:tweede|derde)[\s-]?lijns?(?:support|team)?",
        False,
        {"nl": "een specialist", "en": "a specialist", "fr": "un spécialiste"},
    ),
    (
        r"case[\s-]?(?:code|id|nummer|number)|casecode",
        False,
        {
            "nl": "uw referentienummer",
            "en": "your reference number",
            "fr": "votre numéro de référence",
        },
    ),
    (
        r"CRM|KPI'?s?|FCR|QA|CSAT|NPS",
        True,
        {"nl": "(weglaten)", "en": "(leave out)", "fr": "(à supprimer)"},
    ),
    (
        r"triage|workflow|queue",
        False,
        {"nl": "onze afhandeling", "en": "how we handle it", "fr": "notre traitement"},
    ),
    (
        r"wachtrij",
        False,
        {"nl": "onze afhandeling", "en": "how we handle it", "fr": "notre traitement"},
    ),
    # Internal status and field codes (waiting_us, solution_proposed...)
    (
        r"[a-z]+_[a-z_]+",
        False,
        {"nl": "gewone woorden", "en": "plain words", "fr": "des mots simples"},
    ),
]

# An internal word is "explained" when a plain explanation stands right next to it.
EXPLAINED_AFTER = re.compile(
    r"^\s*(?:\(|,?\s*(?:dat wil zeggen|d\.w\.z\.|oftewel|ofwel|i\.e\.|that is|which means"
    r"|meaning|c'est-à-dire|dat betekent)\b)",
    re.IGNORECASE,
)
EXPLAINED_BEFORE = re.compile(r"\(\s*$")

# --- questions -----------------------------------------------------------------------------------
# A sentence without a question mark still asks something when it starts like this ("Kunt u mij
# laten weten...", "When will I..."). Words such as "wat" or "how" are left out: "Wat een
# ellende." and "How awful." are no questions.
QUESTION_STARTERS = {
    "nl": r"(?:wanneer|waarom|hoeveel|hoelang|hoe lang|kunt u|kunnen jullie|kan ik|krijg ik"
    r"|mag ik|moet ik|wilt u|zou u|zouden jullie|graag hoor ik|ik wil graag weten"
    r"|ik zou graag willen weten|laat (?:u|jullie) (?:mij|me) (?:even )?weten)",
    "en": r"(?:when|why|how long|how much|how many|can you|could you|will you|would you|can i"
    r"|should i|please (?:let me know|tell me|explain)|i(?:'d| would) like to know)",
    "fr": r"(?:quand|pourquoi|combien|pouvez-vous|pourriez-vous|est-ce que)",
}
WHEN_WORDS = re.compile(
    r"\b(?:wanneer|hoelang|hoe lang|when|how long|quand|combien de temps)\b", re.IGNORECASE
)


def _words(text: str) -> set[str]:
    return set(text.split())


STOPWORDS = _words(
    """
    de het een en of maar dat die dit deze is zijn was waren ben bent heb hebt heeft hebben had
    ik je jij u uw mijn me mij we wij ons onze jullie hun hen ze zij hij haar hem zich er
    in op aan van voor met bij naar om uit tot over door als dan ook nog al wel niet geen
    te zo heel erg veel meer wat wanneer waarom hoe wie waar welke welk hoeveel hier daar
    kan kunt kunnen kon zal zult zullen zou zouden wil wilt willen moet moeten mag mogen
    wordt worden werd krijg krijgt krijgen ga gaat gaan doe doet doen komt komen even toch
    graag alstublieft aub dank bedankt hallo beste geachte groet vriendelijke iets niets
    nu nou dus want omdat zodat hoor
    the a an and or but that this these those is are was were be been am have has had
    i you your my me we us our they them their he she it its his her there here
    in on at of for with by to from about as than then also still not no yes
    what when why how who where which can could will would shall should may might must
    do does did get gets got make made please thanks thank hello dear regards
    some any very much more just so if because
    le la les un une des du de et ou mais que qui ce cette ces est sont être avoir ai as a
    je tu il elle nous vous ils elles mon ma mes votre vos notre nos leur leurs
    dans sur pour avec par en au aux ne pas plus quand pourquoi comment où quel quelle
    merci bonjour
    """
)
SUFFIXES = sorted(
    _words(
        "heden heid ingen ing tjes tje jes je en es s e ational ation ness edly ed ies ly "
        "ement ment ions ion"
    ),
    key=len,
    reverse=True,
)


@cache
def compiled(patterns: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)


def any_language(
    table: dict[str, list[str]], languages: tuple[str, ...] = LANGUAGES
) -> re.Pattern[str]:
    return compiled(tuple(p for language in languages for p in table.get(language, [])))


# --- reply-language examples the suggestions quote -----------------------------------------------
GREETING = {"nl": "Beste {name},", "en": "Dear {name},", "fr": "Bonjour {name},"}
ACKNOWLEDGE_EXAMPLE = {
    "nl": {
        "anger": "Ik begrijp dat u hier boos over bent, en dat vind ik heel begrijpelijk.",
        "fear": "Wat vervelend dat dit is gebeurd; ik kan me voorstellen dat u hiervan bent geschrokken.",
        "sadness": "Het spijt me echt dat u dit heeft meegemaakt; ik begrijp uw teleurstelling.",
        "": "Wat vervelend dat dit is gebeurd; ik begrijp hoe u zich voelt.",
    },
    "en": {
        "anger": "I understand why you are angry about this, and I would feel the same.",
        "fear": "I am so sorry this happened; that must have been a real shock.",
        "sadness": "I am truly sorry you went through this; I understand your disappointment.",
        "": "I am sorry this happened; I understand how you feel.",
    },
    "fr": {
        "anger": "Je comprends votre colère, et je la trouve légitime.",
        "fear": "Je suis désolé(e) de ce qui vous est arrivé ; cela a dû vous inquiéter.",
        "sadness": "Je regrette sincèrement ce que vous avez vécu ; je comprends votre déception.",
        "": "Je suis désolé(e) de ce qui s'est passé ; je comprends ce que vous ressentez.",
    },
}
NEXT_STEP_EXAMPLE = {
    "nl": "Ik laat u uiterlijk {date} weten hoe het verder gaat.",
    "en": "I will let you know by {date} how things stand.",
    "fr": "Je vous tiendrai informé(e) au plus tard le {date}.",
}
PATIENCE_EXAMPLE = {
    "nl": "Dank u wel voor uw geduld.",
    "en": "Thank you for your patience.",
    "fr": "Merci pour votre patience.",
}
ANSWER_EXAMPLE = {
    "nl": "Op uw vraag \u2018{question}\u2019: …",
    "en": "To your question \u2018{question}\u2019: …",
    "fr": "À votre question « {question} » : …",
}


# Claims an agent should only make when the crisis statement makes them: the cause, blame,
# compensation, safety and timing. A draft sentence with one of these that the statement does
# not support is flagged by the crisis check ("say no more than the statement says").
CRISIS_CLAIMS = {
    "nl": [
        r"oorza\w*",
        r"veroorza\w*",
        r"komt door",
        r"\bdoor een\b",
        r"schuld",
        r"fout\w*",
        r"vergoed\w*",
        r"compensatie",
        r"terugbeta\w*",
        r"geld terug",
        r"schadevergoeding",
        r"veilig",
        r"gevaar\w*",
        r"terugroep\w*",
        r"uiterlijk",
        r"binnen \d+",
        r"morgen",
    ],
    "en": [
        r"caus\w*",
        r"due to",
        r"because of",
        r"fault",
        r"mistake",
        r"defect\w*",
        r"compensat\w*",
        r"refund\w*",
        r"money back",
        r"damages",
        r"safe\b",
        r"danger\w*",
        r"recall\w*",
        r"by (?:mon|tues|wednes|thurs|fri|satur|sun)day",
        r"within \d+",
        r"tomorrow",
    ],
    "fr": [
        r"caus\w*",
        r"\bà cause\b",
        r"\bdû à\b",
        r"faute",
        r"erreur",
        r"défaut\w*",
        r"indemnis\w*",
        r"rembours\w*",
        r"danger\w*",
        r"rappel\w*",
        r"dans \d+",
        r"demain",
    ],
}
