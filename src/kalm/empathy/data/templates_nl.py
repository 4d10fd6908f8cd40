"""Dutch message templates (hand-written): (sentiment, emotion, signals, lines)."""

GROUPS = [
    (
        "negative",
        "fear",
        "injury",
        """
Mijn {p} is vanochtend ontploft tijdens het opladen en mijn zoon heeft brandwonden aan zijn hand. We hebben de hele middag in het ziekenhuis gezeten.
De {p} vloog in brand in de keuken, het hele aanrecht is zwart. Gelukkig geen gewonden maar mijn vrouw heeft rook ingeademd en moest naar de huisarts.
Mijn dochter heeft een knoopbatterijtje van de {p} ingeslikt. We zitten nu op de spoedeisende hulp. Hoe kan dit??
Ik kreeg een stroomschok van de {p} toen ik de schakelaar aanraakte. Mijn arm tintelt nog steeds.
Na gebruik van de crème kreeg ik een heftige allergische reactie, mijn gezicht zwol op en ik moest naar de eerste hulp.
Het glazen deksel van de {p} sprong en een scherf sneed diep in mijn vinger, 4 hechtingen.
De {p} begon te roken en smolt. Mijn peuter stond er vlak naast. Ik tril nog, dit had veel erger kunnen aflopen.
Jullie {p} werd oververhit en heeft mijn been verbrand. Tweedegraads brandwond, foto's in de bijlage.
mijn kind is gewond geraakt door de {p} het mes schoot los!! moesten naar het ziekenhuis
Het stoomventiel van de {p} schoot eraf en ik heb mijn hand gebrand aan de hete stoom. Kan een week niet werken.
Ik raakte geblesseerd toen de {p} uit elkaar viel. De dokter zegt een verstuikte pols. Bestelling {o}.
Er kwamen vonken uit de {p} en de gordijnen vatten vlam. De brandweer is geweest. Is dit een bekend veiligheidsprobleem?
""",
    ),
    (
        "negative",
        "anger",
        "injury legal",
        """
Jullie {p} heeft mijn dochter verbrand. Ik heb al een advocaat ingeschakeld en we stellen jullie aansprakelijk voor de medische kosten.
Mijn man ligt in het ziekenhuis nadat de {p} ontplofte. Onze advocaat neemt contact op over schadevergoeding.
Door de {p} is er brand ontstaan in ons huis. Ik stap naar de rechter als jullie binnen {d} dagen geen aansprakelijkheid erkennen.
Kind heeft een magneetje uit jullie speelgoed ingeslikt en moest geopereerd worden. We gaan juridische stappen ondernemen.
""",
    ),
    (
        "negative",
        "anger",
        "legal",
        """
Als ik mijn geld voor bestelling {o} niet binnen {d} dagen terug heb, onderneem ik juridische stappen.
Ik heb mijn advocaat hierover ingelicht. Verwacht volgende week een brief van hem.
Dit is mijn laatste waarschuwing voordat ik naar de Geschillencommissie stap.
Ik meld jullie bij de ACM en ConsuWijzer voor deze oplichting.
Jullie zijn in gebreke. Hierbij stel ik jullie formeel in gebreke en mijn rechtsbijstandverzekering is ingelicht.
Ik stap naar de kantonrechter als de {p} niet wordt vervangen.
Ik heb al een klacht ingediend bij het Juridisch Loket en overleg met een jurist over de volgende stappen.
Wij gaan een schadeclaim indienen, de {p} heeft onze vloer verwoest.
Dit is een sommatie: u heeft {d} dagen om het volledige bedrag terug te betalen, anders volgt een dagvaarding.
Mijn rechtsbijstand pakt dit nu op, zij nemen contact met jullie op over de aansprakelijkheid.
Als jullie me blijven negeren over bestelling {o} krijgen jullie een deurwaarder op de stoep.
Ik heb wettelijk recht op terugbetaling. Weigeren jullie weer, dan zien we elkaar in de rechtszaal.
""",
    ),
    (
        "negative",
        "anger",
        "media",
        """
Als dit vandaag niet opgelost is zet ik alles op Twitter en Facebook.
Ik ga een review van één ster op Trustpilot zetten en iedereen vertellen hoe jullie met klanten omgaan.
Ik heb contact opgenomen met een journalist van de regionale krant.
Ik maak er een TikTok over, eens kijken hoe viraal jullie slechte service gaat.
Heb het al op Reddit gezet en mensen delen het massaal. Misschien luisteren jullie nu wel.
Ik ga dit naar Radar en Kassa sturen. Schandalig.
Ik heb jullie getagd in mijn Instagram story, 8k volgers gaan zien wat jullie met bestelling {o} hebben gedaan.
Ik deel dit hele gesprek op social media als er niet snel iemand terugbelt.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
Stelletje nutteloze idioten. Repareer mijn {p} NU.
Luister eens sukkel, ik heb vijf keer gebeld. Zijn jullie daar allemaal hersendood?
Als ik nog één keer moet bellen kom ik naar jullie winkel en sla ik de boel kort en klein.
Kankerlijers, geef me mijn geld terug.
Die medewerker Mark is een debiele clown en moet ontslagen worden.
Pas maar op. Ik weet waar jullie magazijn is.
Hou je bek en geef me mijn geld terug, stomme trut.
Jullie zijn zielige klootzakken en dieven.
Ik ga die gast opzoeken die me ophing en dan zal hij spijt krijgen.
Wat een stel incompetente randdebielen, leer eens je werk te doen.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability",
        """
Ik ben vorige maand mijn baan kwijtgeraakt en kan de {p} echt niet twee keer betalen. Help me alstublieft.
Mijn man is in mei overleden en het contract staat nog op zijn naam. Ik weet niet wat ik moet doen.
Ik onderga chemo en kan niet steeds naar het postkantoor om dit terug te sturen.
Ik ben alleenstaande moeder met een uitkering en door de 80 euro die jullie onterecht afschreven kunnen we deze week geen boodschappen doen.
Mijn moeder heeft dementie en heeft een contract gekregen dat ze niet begrijpt. Wilt u het annuleren?
Sinds mijn beroerte kan ik slecht bellen, antwoord alstublieft per mail.
We zitten in de schuldsanering en de extra kosten op factuur {o} zijn de druppel.
Ik ben 84 en woon alleen, ik snap de app niet en niemand helpt me.
Ik heb weken in het ziekenhuis gelegen en jullie brieven gemist, nu staat er een incassobureau voor de deur. Ik red het echt niet meer.
Mijn vader is overleden en ik moet zijn account opzeggen, maar jullie blijven om zijn wachtwoord vragen.
""",
    ),
    (
        "negative",
        "frustration",
        "churn",
        """
Ik wil mijn abonnement per direct opzeggen.
Klaar ermee, ik stap over naar {c}. Sluit mijn account alstublieft.
Zeg mijn contract maar op, ik heb genoeg van de storingen.
Ik bestel nooit meer bij jullie, voortaan ga ik naar {c}.
Hoe kan ik mijn lidmaatschap beëindigen? Ik verleng niet.
Stop de automatische incasso en beëindig het contract per het einde van de maand.
{c} biedt me een betere deal, dus ik vertrek tenzij jullie dat matchen.
Mijn internet zit al bij {c}. Stuur me de eindafrekening maar.
""",
    ),
    (
        "negative",
        "anger",
        "churn media",
        """
Zeg alles maar op. En ik zorg dat iedereen op Facebook weet waarom ik vertrokken ben.
Ik stap over naar {c} en schrijf een review op Trustpilot over dit drama.
""",
    ),
    (
        "negative",
        "anger",
        "aggression legal",
        """
Vuile oplichters, klootzakken, mijn advocaat maakt jullie kapot bij de rechter.
Jullie zijn idioten en criminelen, ik ga een rechtszaak beginnen.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability churn",
        """
Ik ben mijn baan kwijt en moet het abonnement opzeggen, ik kan het gewoon niet meer betalen.
Na het overlijden van mijn vrouw wil ik haar telefoonabonnement beëindigen. Maak het alstublieft makkelijk.
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
Bestelling {o} is na {d} dagen nog steeds niet binnen. Dit is de derde keer dat ik het vraag.
Ik hang al 45 minuten in de wacht, alweer. Waarom is het zo moeilijk om antwoord te krijgen?
De {p} deed het na twee weken al niet meer. Erg teleurstellend.
Jullie hebben de verkeerde kleur gestuurd en nu moet ik het zelf terugsturen? Echt irritant.
Niemand reageert op mijn mails. Ik heb er al vier gestuurd over bestelling {o}.
Volgens de track & trace is het bezorgd maar er is hier niks.
Wacht nog steeds op mijn terugbetaling, het is nu {d} dagen.
De app crasht steeds als ik wil betalen. Graag oplossen.
Waarom is er twee keer geld afgeschreven voor dezelfde bestelling?
De monteur is weer niet komen opdagen, ik had er een vrije dag voor genomen.
De {p} maakt een vreselijk geluid en het vervangende exemplaar ook.
Jullie chatbot is waardeloos, hij stuurt me steeds in rondjes.
Voor de derde keer is de levering verzet, mijn geduld raakt op.
De handleiding klopt niet en er mist een onderdeel. Zucht.
""",
    ),
    (
        "negative",
        "anger",
        "",
        """
Dit is echt onacceptabel. Ik heb betaald voor levering morgen en het is nu een week later.
Ik ben woedend. Jullie hebben mijn bestelling geannuleerd zonder het te melden.
Schandalige service. Niemand neemt ergens verantwoordelijkheid voor.
Jullie hebben mijn geld gepakt en niks gestuurd. Ik ben laaiend.
Hoe durven jullie annuleringskosten te rekenen na jullie eigen fout!
Slechtste klantenservice die ik ooit heb meegemaakt, punt.
""",
    ),
    (
        "negative",
        "fear",
        "",
        """
Ik ben bang dat mijn gegevens gelekt zijn, ik kreeg een phishingmail met mijn bestelnummer {o}.
Ik ben bang dat de {p} weer oververhit raakt, het rook naar verbrand plastic. Is het veilig om hem te blijven gebruiken?
Ik maak me zorgen want de betaling is twee keer afgeschreven en morgen moet de huur betaald worden.
Zijn mijn gegevens veilig? Iemand heeft vanuit het buitenland op mijn account ingelogd.
""",
    ),
    (
        "negative",
        "sadness",
        "",
        """
De {p} was een verjaardagscadeau voor mijn vader en kwam kapot aan. Hij was zo teleurgesteld.
Ik ben er echt verdrietig over, ik heb maanden gespaard voor deze {p}.
De bloemen voor de uitvaart van mijn moeder zijn nooit bezorgd. Ik voel me ellendig.
Ik keek hier zo naar uit en nu is de vakantie verpest.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Hoi, kunnen jullie vertellen wanneer bestelling {o} verzonden wordt?
Kan ik het bezorgadres van mijn bestelling nog wijzigen?
Wat zijn jullie openingstijden op zaterdag?
Kunnen jullie mij een kopie van de factuur van bestelling {o} sturen?
Is de {p} ook in het zwart leverbaar?
Hoe registreer ik mijn garantie online?
Ik wil de {p} retourneren, hoe gaat dat?
Leveren jullie ook in België?
Kan ik met iDEAL betalen?
Mijn nieuwe telefoonnummer is 06-12345678, willen jullie dat aanpassen?
Is er een handleiding van de {p} als pdf?
Wat is het verschil tussen de twee modellen van de {p}?
Wanneer begint de uitverkoop?
Ik heb een vraag over mijn laatste rekening.
Ik ben verhuisd, waar kan ik mijn adres wijzigen?
Kan iemand mij morgenochtend terugbellen over mijn contract?
Zit er bij de {p} een Nederlandse stekker?
Willen jullie bevestigen dat mijn retour is aangekomen, trackingnummer {o}.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Heel erg bedankt voor de snelle hulp, de nieuwe {p} werkt perfect!
Top service, het pakket kwam een dag eerder. Dank jullie wel.
Wilde even zeggen dat jullie collega Anna heel behulpzaam was aan de telefoon. Bedankt!
Ik ben dol op de {p}, beste aankoop van dit jaar.
Probleem opgelost, bedankt voor de snelle terugbetaling!
Wauw, dat ging makkelijk. Vijf sterren van mij.
Dank voor het zo vriendelijk oplossen, jullie hebben mijn dag goed gemaakt.
Echt onder de indruk van hoe jullie mijn klacht hebben afgehandeld. Ik bestel zeker weer.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Het merk van mijn {p} is Philips, geldt de garantie dan nog?
Van welk brand is deze {p} eigenlijk? Ik zie het logo nergens.
Het rechter zijpaneel heeft een klein krasje, kan ik een los onderdeel krijgen?
Kan ik na de levering een review op jullie website achterlaten?
De knop zit aan de rechterkant, maar die reageert soms traag. Is daar een handleiding voor?
Ik schrijf een review van de {p} voor mijn blog, kunnen jullie de specificaties sturen?
Ik zag een artikel in de krant over jullie nieuwe winkel, wanneer gaat die open?
Hoe annuleer ik één artikel van bestelling {o}, niet de hele bestelling?
Is de brandwerende versie van de {p} op voorraad?
Ik zoek een fles advocaat en slagroom voor bij de koffie, verkopen jullie die ook?
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Ik sta te popelen om de nieuwe {p} te proberen, wanneer is hij weer op voorraad?
Moordprijs voor de {p}, meteen twee besteld!
Deze actie is echt ziek goed, bedankt voor de kortingscode.
De {p} was een knaller op ons feestje, iedereen was er weg van.
Ik ga dood van het lachen om jullie nieuwe reclame, geweldig gedaan!
Jullie service is bizar goed. Dank!
""",
    ),
]
