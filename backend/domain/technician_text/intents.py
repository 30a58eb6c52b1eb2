"""What a technician's message is about, from word tables (es/en, typos, no accents).
`intents` returns every intent the text shows; the job's state decides which one counts
(`pick`). Input is `fold.prepare`d text."""

from __future__ import annotations

import re
from types import MappingProxyType

WORDS = MappingProxyType({
    "decline": r"no puedo|no podre|no lo puedo|no me da tiempo|no llego a tiempo|rechaz\w*|"
               r"paso de este|pasa\w* a otro|pasenselo|paselo|que lo coja otro|no lo cojo|"
               r"no lo agarro|imposible|can'?t|cannot|can not|won'?t be able|unable|not able|"
               r"declin\w*|reject\w*|pass on this|give it to someone|not available|no disponible|"
               r"^no\b|^nope\b|no gracias|no thanks|no can do|^paso\b|no me da la vida|"
               r"off sick|de baja|on leave|de vacaciones|on holiday",
    "accept": r"lo cojo|me lo quedo|lo agarro|lo tomo|lo acepto|acepto|aceptar|aceptad\w*|cogido|"
              r"^(?:ok|okay|okey|oki|vale|dale|va|si|sip|claro|perfecto|yes|yep|yeah|sure)\b|"
              r"\baccept\w*|i'?ll take|i'll do it|will take|take it|taking it|on it\b|"
              r"me encargo|yo voy|yo lo hago|lo hago yo|cuenta conmigo|count me|got it|roger",
    "way": r"\bvoy\b|voy para|voy pa|salgo|saliendo|sali\b|de camino|en camino|en ruta|"
           r"rumbo|on my way|on the way|omw|heading|leaving now|en route|setting off|"
           r"driving over|on route|be there soon|llego en",
    "arrived": r"llegue|llego ya|ya llego|ya estoy|estoy aqui|estoy en|en el sitio|"
               r"en la nave|en planta|en cliente|ya aqui|aqui estoy|arrived|arrive|"
               r"^here\b|i'?m here|im here|on site|onsite|at the site|i'?m in\b|just got here|"
               r"got here|at site|at the customer",
    "finish": r"terminad\w*|termine\b|acabad\w*|acabe\b|listo|hecho\b|ya quedo|quedo listo|"
              r"ya esta\b|solucionad\w*|arreglad\w*|reparad\w*|funciona|finaliz\w*|"
              r"done\b|finished|finish\b|fixed|sorted|completed|complete\b|all good|"
              r"job done|working again|up and running",
    "delay": r"retras\w*|tarde\b|voy tarde|llego tarde|atasco|trafico|accidente|pinchazo|"
             r"pinche|averia del coche|late\b|delay\w*|running behind|stuck\b|traffic|"
             r"flat tire|flat tyre|puncture|breakdown on|broke down|roadside|"
             r"be there (?:by|at|around|about)|there by|there around|gonna be there|"
             r"estare (?:alli|ahi) a|estoy (?:alli|ahi) a las|llegare a las|llego a las",
    "follow_up": r"volver\w*|vuelvo|volvemos|regres\w*|otra visita|segunda visita|"
                 r"hay que pedir|pedir (?:el|la|uno|una|los|las)|tengo que pedir|falta el|"
                 r"falta la|faltan|no se acaba hoy|no acabo hoy|pendiente de|a pedir|"
                 r"pedido|come back|coming back|be back|back (?:on|next|tomorrow|monday|"
                 r"tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri)|"
                 r"\bback \w+ (?:morning|afternoon)|return visit|revisit|second visit|"
                 r"follow.?up|return\w*|on order|encargar|hay que traer|need to order"
                 r"|needs ordering|have to order|order (?:a|the|"
                 r"one|a new|new)|awaiting parts|waiting (?:on|for) (?:the )?parts?",
    "not_fixed": r"no he podido|no pude|no puedo (?:arreglar|reparar)\w*|no lo puedo (?:arreglar|"
                 r"reparar)|no se arregla|can'?t repair|cannot repair|couldn'?t repair|"
                 r"unable to repair|no fix|no puedo hacer mas|no hay manera|"
                 r"no tiene arreglo|no se puede arreglar|no lo arreglo|no tiene solucion|"
                 r"sin solucion|especialista|que lo mire (?:alguien|otro)|escal\w*|"
                 r"no funciona todavia|sigue sin funcionar|no joy|can'?t fix|cannot fix|"
                 r"couldn'?t fix|could not fix|unable to fix|not fixed|no fix|beyond me|"
                 r"needs? a specialist|specialist|not certified|above my|out of my depth|"
                 r"give up|still not working|still broken|no lo he podido|no se puede reparar|"
                 r"no tiene reparacion|can'?t sort|couldn'?t sort|no dice nada|"
                 r"needs? an? (?:\w+ )?(?:engineer|electrician|specialist|expert)",
    "absent": r"no hay nadie|nadie\b|no abre\w*|no contesta\w*|no responde\w*|no coge el|"
              r"no esta el cliente|cerrad[oa] a cal|nobody|no one|noone|no answer|"
              r"no-one|not answering|locked|no show|not there|customer absent|"
              r"ausente|nadie en|no me abre\w*|site (?:is )?(?:closed|shut)|customer not in|"
              r"nobody in|no one in",
    "ask_address": r"direcc\w*|dirrec\w*|\bdnd\b|donde es|donde esta|donde queda|ubicac\w*|"
                   r"como llego|address|adress|adddress|where is|where's|wheres|location|"
                   r"postcode|post code|zip|\bsite\?|where am i going|where to\b|a donde voy|"
                   r"adonde voy|que sitio",
    "ask_contact": r"contacto|telefono|\btlf\b|\btfno\b|\btel\b|\bmovil\b|numero del|"
                   r"a quien|por quien pregunto|persona|encargad\w*|contact|phone|number|"
                   r"who'?s the|who is the|who do i|ring ahead|call ahead",
    "ask_jobs": r"^/jobs|^/trabajos|trabajos|avisos|que tengo|mis ordenes|agenda|\bjobs\b|"
                r"job list|what have i got|what'?ve i got|my list",
    "ask_next": r"siguiente|proximo|que toca|y ahora\b|next\b",
    "help": r"^/help|^/ayuda|^/start$|ayuda|help|que hago|que pongo|que pulso|que escribo|"
            r"como funciona|como va esto|what do i (?:press|do|type|write)|wot do i|"
            r"what now|how does this work|options|opciones|menu",
    "yes": r"^(?:si|sii+|sip|yes|yep|yup|yeah|ok|okay|okey|vale|dale|correcto|confirmo|"
           r"confirm\w*|perfecto|bien|esta bien|that'?s right|thats right|right|correct|"
           r"exacto|eso es|de acuerdo|sure|go ahead|adelante|1)\b(?![.,]\d)|^[sy]$|\bdale si\b|"
           r"\bthats right\b|\bthat'?s it\b|\bcierra\w*\b|\bclose it\b|\blooks good\b",
    "no": r"^(?:no|nop|nope|mal|wrong|incorrect\w*|cancel\w*|2)\b",
})
PATTERNS = MappingProxyType({k: re.compile(rf"(?:{v})") for k, v in WORDS.items()})
QUESTION = re.compile(r"\?|^(?:que|what|wot|como|how|donde|where|who|quien|cual|which)\b")


def intents(text: str) -> frozenset[str]:
    return frozenset(k for k, p in PATTERNS.items() if p.search(text))


def is_question(text: str) -> bool:
    return bool(QUESTION.search(text))


# Which intents count in each state of a job, first match first.
ORDER = MappingProxyType({
    "offered": ("ask_address", "ask_contact", "ask_jobs", "ask_next", "decline", "accept",
                "help"),
    "accepted": ("absent", "delay", "ask_address", "ask_contact", "ask_jobs", "ask_next",
                 "arrived", "way", "not_fixed", "follow_up", "finish", "help"),
    "on_the_way": ("absent", "delay", "ask_address", "ask_contact", "ask_jobs", "ask_next",
                   "arrived", "not_fixed", "follow_up", "finish", "help"),
    "arrived": ("absent", "not_fixed", "follow_up", "ask_address", "ask_contact", "ask_jobs",
                "ask_next", "finish", "help"),
})
QUESTIONS = ("ask_address", "ask_contact", "ask_jobs", "ask_next", "help")


def pick(found: frozenset[str], state: str, question: bool) -> str | None:
    """The intent that counts for a job in ``state``. A question mark makes questions win
    over steps ("ya estoy aquí?" is not asked; "¿dónde es?" is)."""
    order = ORDER.get(state, QUESTIONS)
    if question:
        order = tuple(i for i in order if i in QUESTIONS) + tuple(
            i for i in order if i not in QUESTIONS)
    return next((i for i in order if i in found), None)
