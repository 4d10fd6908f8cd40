"""More Dutch templates (hand-written, round 2): customer-care praise, thanks and relief, mixed
"thanks, but" complaints, neutral questions from other sectors, threats and insults aimed at staff.
Training only: build_dataset.py never puts these in a held-out set. (sentiment, emotion, signals,
lines)."""

GROUPS = [
    (
        "positive",
        "joy",
        "",
        """
Bedankt voor het meedenken, de storing is verholpen en alles doet het weer.
Fijn dat jullie zo snel gereageerd hebben, mijn probleem is helemaal opgelost.
Het geld voor bestelling {o} staat al op mijn rekening. Dank jullie wel!
Dank u voor de duidelijke uitleg aan de telefoon, nu snap ik eindelijk mijn factuur.
Hartstikke bedankt, de vervangende {p} is vandaag keurig bezorgd.
De monteur heeft het in tien minuten gerepareerd. Wat een vakman, dank!
Ik wil jullie bedanken voor de coulante oplossing, dat had ik niet verwacht.
Super geregeld, de nieuwe simkaart werkt meteen.
Jullie hebben me echt uit de brand geholpen, heel veel dank.
Dank voor het terugbellen, het is nu allemaal duidelijk en geregeld.
De verhuizing van mijn internet ging vlekkeloos, complimenten aan het hele team.
Het omboeken van mijn reis ging soepel, bedankt voor de snelle service.
Mijn schadeclaim is binnen een week uitbetaald, netjes hoor!
Eindelijk weer warm water. Bedankt dat de monteur zo laat nog kon komen!
Wat een service, ik kreeg zelfs een bloemetje bij mijn bestelling. Dank!
Ik had niet gedacht dat het zo makkelijk zou gaan. Bedankt voor jullie hulp.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Een groot compliment voor Ahmed van de klantenservice, hij was ontzettend geduldig.
De bezorger was superaardig en heeft het pakket netjes binnen gezet.
Ik ben erg tevreden over de {p}, precies wat ik zocht.
Wat een fijne medewerker had ik aan de lijn, echt een aanwinst voor jullie.
Al jaren klant en nog steeds heel tevreden over jullie service.
De {p} is prachtig en werkt geweldig, ik raad hem iedereen aan.
Jullie webwinkel is overzichtelijk en de levering was razendsnel. Chapeau!
Prima service, vriendelijk personeel en alles op tijd geleverd.
Ik ben heel blij met mijn nieuwe abonnement, de snelheid is fantastisch.
Complimenten voor de chatmedewerker, binnen vijf minuten was alles geregeld.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Wat een opluchting, het pakket is toch nog op tijd voor de verjaardag aangekomen!
Gelukkig, de dubbele afschrijving is teruggeboekt. Ik was er even van in paniek maar het is goed gekomen.
Oef, ik dacht dat mijn gegevens kwijt waren, maar jullie hebben alles teruggezet. Dank!
Ik was bang dat ik zonder verwarming zou zitten, maar de monteur kwam dezelfde dag. Heel fijn.
Pfoe, de vlucht gaat toch door. Bedankt voor de snelle update.
Mijn zorgen waren voor niets, alles is netjes geregeld. Dank jullie wel.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
top, dank je!
Perfect, bedankt!!
fijn, dankjewel 😊
Helemaal goed, dank voor de moeite.
Geweldig, jullie zijn toppers!
Super, hartelijk dank!
Mooi zo, werkt weer. Thanks!
Dankjewel, je bent een schat!
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Geen enkel probleem meer sinds de update, het werkt perfect.
Niks meer aan de hand, de {p} doet het weer als nieuw. Bedankt!
Het was niet eens nodig om langs te komen, het is telefonisch opgelost. Heel fijn.
Ik heb geen klachten meer, jullie hebben alles keurig opgelost.
Geen gedoe, geen wachttijd, gewoon goed geholpen. Dank!
Niet verwacht, maar de kapotte {p} is zonder discussie vervangen. Top!
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
Bedankt voor je antwoord, maar de {p} doet het nog steeds niet.
Fijn dat er een monteur is geweest, alleen is de storing er nu gewoon weer.
Aardig dat u sorry zegt, maar daar heb ik niks aan zolang het geld niet terug is.
Dank voor de tegoedbon, maar ik wil gewoon een werkend product.
Jullie zeiden dat het opgelost was, maar ik heb nog steeds geen internet.
Leuk dat de chatbot reageert, maar een echt antwoord krijg ik niet.
Ik waardeer de moeite, maar dit is al de derde vervanging die kapot is.
De medewerker was vriendelijk, maar er is nog steeds niets geregeld.
Bedankt voor de excuses. Helaas is bestelling {o} nog altijd niet binnen.
Ja ja, excuses aanvaard, maar wanneer wordt het nou eindelijk gemaakt?
Mooi dat jullie het melden, maar ik zit alweer {d} dagen zonder tv.
Dankjewel, maar dit lost mijn probleem niet op. Ik heb nog steeds geen verwarming.
Prima dat de factuur is aangepast, alleen klopt het bedrag nog steeds niet.
Jullie zijn altijd heel beleefd, maar er gebeurt nooit iets.
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
Mijn energierekening is ineens verdubbeld en niemand kan me uitleggen waarom.
Het internet valt elke avond rond acht uur weg. Zo kan ik niet thuiswerken.
Mijn declaratie staat al zes weken op in behandeling.
De trein naar het vliegveld had vertraging en nu weigeren jullie de omboeking.
Ik krijg elke maand een herinnering terwijl ik allang betaald heb.
Het duurt echt veel te lang, ik wacht al {d} dagen op een reactie.
De monteur kwam zonder onderdelen, dus nu moet ik weer een dag vrij nemen.
Mijn koffer is al een week zoek en niemand weet waar hij is.
Ik word steeds doorverbonden en uiteindelijk valt de verbinding weg.
Het inloggen lukt al dagen niet, de code komt nooit aan.
Mijn pakket ligt al vijf dagen in het sorteercentrum. Wat is er aan de hand?
Al twee keer gevraagd om een kopie van mijn polis, nog steeds niks ontvangen.
""",
    ),
    (
        "negative",
        "anger",
        "",
        """
Belachelijk dat ik voor een storing die jullie veroorzaken ook nog moet betalen.
Ik ben het zat, elke keer weer een ander verhaal van een andere medewerker.
Dit is gewoon oplichting, jullie rekenen kosten die nergens op slaan.
Ik voel me compleet belazerd door jullie.
Onvoorstelbaar hoe slecht jullie met trouwe klanten omgaan.
Jullie beloven van alles en komen niets na. Ik ben er klaar mee.
Wat een aanfluiting, drie afspraken gemist en geen enkele excuses.
Ik ben echt boos, mijn klacht is gewoon genegeerd.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Kunt u mij vertellen wanneer mijn nieuwe pas wordt opgestuurd? Alvast bedankt.
Ik wil graag mijn maandbedrag aanpassen, hoe doe ik dat?
Vanaf wanneer gaat mijn nieuwe contract in?
Is het mogelijk om de afspraak te verzetten naar volgende week dinsdag?
Hoeveel bagage mag ik meenemen op mijn vlucht?
Kan ik de factuur ook per post ontvangen? Met vriendelijke groet.
Waar vind ik mijn klantnummer?
Ik wil graag weten of mijn polis ook schade in het buitenland dekt.
Hoe zet ik automatische betaling aan?
Kunnen jullie de {p} ook in de winkel reserveren?
Wat zijn de kosten als ik mijn abonnement wil uitbreiden met een extra simkaart?
Geldt de aanbieding ook voor bestaande klanten?
Welke gegevens hebben jullie nodig om mijn adres te wijzigen?
Is er een mogelijkheid om gespreid te betalen?
Bedankt alvast, ik hoor graag wanneer de monteur kan komen.
Mag ik een kopie van het gesprek van vorige week ontvangen?
Graag ontvang ik een bevestiging van mijn opzegging van de krant, niet van het internet.
Werkt de {p} ook op 110 volt?
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Ik heb de foto's van de meterstand als bijlage toegevoegd.
Genoteerd, ik bel maandag terug als ik nog niks gehoord heb.
Prima, dan hoor ik het morgen.
Ik ben vandaag tussen 9 en 12 thuis voor de bezorging.
Mijn klantnummer is {o}.
Ik heb het formulier ingevuld en teruggestuurd.
Hierbij mijn nieuwe adres: Dorpsstraat 12, 1234 AB Ergenshuizen.
Het gaat om bestelling {o} van vorige week.
Ik heb het retourlabel geprint en het pakket vanmiddag afgegeven.
Duidelijk, ik probeer het vanavond nog een keer.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
Ik weet waar jij woont, dus pas maar op.
Als ik die medewerker op straat tegenkom, dan ram ik hem in elkaar.
Ik kom morgen naar jullie kantoor en dan zal je eens zien wat er gebeurt.
Ik sta om vijf uur bij de uitgang op je te wachten.
Nog één keer ophangen en ik kom je persoonlijk opzoeken.
Ik maak je af als mijn geld er vrijdag niet is.
Je weet niet met wie je te maken hebt. Ik vind je wel.
Ik heb je adres gevonden, Lisa. Leuk huis heb je.
Ik zet je naam, adres en telefoonnummer online, dan ben je lekker bekend.
Ik steek die winkel van jullie in de fik.
Ze moeten die helpdeskmedewerker een flinke klap geven.
Wacht maar tot ik bij jullie balie sta, dan krijg je een pak slaag.
Als ik jou was zou ik 's avonds niet meer alleen over straat gaan.
Ik kom verhaal halen en dan ga je eraan.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
Stomme kutmedewerker, leer eens luisteren.
Wat een stelletje mongolen zijn jullie.
Rot op met je standaardantwoorden, eikel.
Die vrouw aan de telefoon is een domme koe.
Jullie zijn een zooitje achterlijke prutsers.
Godverdomme, geef me gewoon iemand die wel hersens heeft.
Lul niet zo, klootzak, en regel het.
Flikker op met jullie excuses, jullie zijn allemaal oplichters en tuig.
Wat een kutbedrijf met zielige loser-medewerkers.
Vieze hoer, je hebt me gewoon opgehangen.
""",
    ),
    (
        "negative",
        "fear",
        "",
        """
Ik krijg ineens mails over een lening die ik nooit heb afgesloten, ik ben echt bang.
Er is ingebroken in mijn account en ik durf niet meer te betalen via de app.
Ik ben bezorgd, de {p} wordt heel heet aan de onderkant. Kan dat kwaad?
Ik schrik me rot, er staat een betaling van 900 euro die ik niet ken.
""",
    ),
    (
        "negative",
        "sadness",
        "",
        """
Jammer, ik had me er zo op verheugd en nu is het cadeau te laat.
Ik ben echt teleurgesteld en verdrietig, dit was mijn laatste hoop.
Het is heel vervelend, de foto's van ons kind zijn voorgoed weg.
Ik voel me zo machteloos, niemand wil me helpen.
""",
    ),
    (
        "negative",
        "fear",
        "injury",
        """
De accu van de {p} zwol op en vloog in brand, mijn vriend heeft zijn hand verbrand.
Mijn moeder is gevallen over de losliggende kabel die jullie monteur liet liggen. Ze heeft haar heup gebroken.
Na het eten van jullie maaltijdbox moesten we allemaal overgeven, mijn dochter ligt aan een infuus.
Er kwam koolmonoxide uit de ketel die jullie hebben geïnstalleerd, we zijn met hoofdpijn naar de huisartsenpost gegaan.
Mijn kind heeft zijn vingers bekneld in het scharnier en moest gehecht worden.
De stoel zakte in elkaar en mijn vader heeft een gebroken rib.
""",
    ),
    (
        "negative",
        "anger",
        "legal",
        """
Ik schakel een advocaat in als de schade aan mijn dak niet vergoed wordt.
Hierbij stel ik u aansprakelijk voor alle gevolgschade.
Ik laat dit uitzoeken door mijn rechtsbijstandverzekering.
Mijn advocaat heeft al een brief opgesteld, die krijgen jullie morgen.
Ik ga een procedure starten bij de Geschillencommissie Energie.
Ik doe aangifte van fraude tegen jullie bedrijf.
""",
    ),
    (
        "negative",
        "anger",
        "media",
        """
Ik ga een filmpje op YouTube zetten over hoe jullie klanten behandelen.
Ik ga dit delen in alle Facebookgroepen van de buurt.
Mijn review op Google wordt niet mals, reken maar.
Ik tip Radar over deze praktijken.
Ik heb 20.000 volgers op Instagram en die gaan dit allemaal lezen.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability",
        """
Ik ben ernstig ziek en kan de rekening deze maand niet betalen.
Ik heb een burn-out en het lukt me niet om al die formulieren in te vullen.
Mijn man is plotseling overleden en ik weet niet hoe ik zijn zaken moet afhandelen.
Ik zit in de bijstand en kan de boete echt niet betalen.
Ik ben slechtziend en kan jullie website niet lezen, kan iemand mij helpen?
Ik heb schulden en de deurwaarder dreigt, ik zie het niet meer zitten.
""",
    ),
    (
        "negative",
        "frustration",
        "churn",
        """
Ik wil mijn energiecontract opzeggen, ik ga naar {c}.
Zeg mijn zorgverzekering maar op, ik ga volgend jaar ergens anders heen.
Ik beëindig mijn abonnement, het is het geld niet meer waard.
Gelieve mijn account te verwijderen en alle incasso's te stoppen.
Dit was de laatste keer, ik neem mijn klandizie mee naar {c}.
Ik ga mijn nummer meenemen naar een andere provider.
""",
    ),
]
