"""More French templates (hand-written, round 2): customer-care praise, thanks and relief, mixed
"merci, mais" complaints, neutral questions from other sectors, threats and insults aimed at
staff. Training only: build_dataset.py never puts these in a held-out set. (sentiment, emotion,
signals, lines)."""

GROUPS = [
    (
        "positive",
        "joy",
        "",
        """
Merci d'avoir cherché une solution avec moi, la panne est réparée et tout remarche.
Super que vous ayez répondu si vite, mon problème est entièrement résolu.
L'argent de la commande {o} est déjà sur mon compte. Merci à vous !
Merci pour l'explication claire au téléphone, je comprends enfin ma facture.
Mille mercis, le {p} de remplacement a été livré aujourd'hui en parfait état.
Le technicien a réparé en dix minutes. Quel pro, merci !
Je tiens à vous remercier pour ce geste commercial, je ne m'y attendais pas.
Parfaitement géré, la nouvelle carte SIM a marché tout de suite.
Vous m'avez vraiment tiré d'affaire, merci infiniment.
Merci de m'avoir rappelé, tout est clair et réglé maintenant.
Le transfert de ma box s'est passé sans accroc, bravo à toute l'équipe.
Le changement de réservation s'est fait sans souci, merci pour la rapidité.
Mon sinistre a été indemnisé en une semaine, très correct !
Enfin de l'eau chaude. Merci d'avoir envoyé le technicien si tard !
Quel service, il y avait même une petite attention dans mon colis. Merci !
Je ne pensais pas que ce serait si simple. Merci pour votre aide.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Tous mes compliments à Ahmed du service client, il a été d'une patience incroyable.
Le livreur était adorable et a déposé le colis à l'intérieur.
Je suis très satisfait du {p}, exactement ce que je cherchais.
Quelle personne agréable j'ai eue au téléphone, une vraie perle.
Client depuis des années et toujours très content de votre service.
Le {p} est magnifique et fonctionne à merveille, je le recommande à tout le monde.
Votre boutique en ligne est claire et la livraison ultra rapide. Chapeau !
Excellent service, personnel aimable et tout livré à temps.
Je suis ravie de mon nouveau forfait, le débit est fantastique.
Bravo au conseiller du chat, tout était réglé en cinq minutes.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Quel soulagement, le colis est finalement arrivé à temps pour l'anniversaire !
Heureusement, le double prélèvement a été annulé. J'ai paniqué un instant mais tout s'est arrangé.
Ouf, je croyais avoir perdu mes données, mais vous avez tout restauré. Merci !
J'avais peur de rester sans chauffage, mais le technicien est venu le jour même. Génial.
Ouf, le vol est maintenu finalement. Merci pour l'info rapide.
Je m'inquiétais pour rien, tout est bien réglé. Merci à vous.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
top, merci !
Parfait, merci beaucoup !!
génial, merci 😊
Tout est bon, merci pour votre peine.
Super, vous êtes au top !
Impeccable, merci mille fois !
Nickel, ça remarche. Merci !
Merci, vous me sauvez la vie !
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Plus aucun problème depuis la mise à jour, tout fonctionne parfaitement.
Plus rien à signaler, le {p} marche comme neuf. Merci !
Finalement pas besoin de déplacement, c'est réglé par téléphone. Très bien.
Je n'ai plus aucune réclamation, vous avez tout réglé correctement.
Pas de tracas, pas d'attente, juste une aide efficace. Merci !
Je ne m'y attendais pas, mais le {p} cassé a été remplacé sans discussion. Top !
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
Merci pour votre réponse, mais le {p} ne marche toujours pas.
C'est bien qu'un technicien soit passé, mais la panne est revenue.
C'est gentil de vous excuser, mais ça ne me sert à rien tant que je ne suis pas remboursé.
Merci pour le bon d'achat, mais je veux juste un produit qui fonctionne.
Vous m'avez dit que c'était réparé, mais je n'ai toujours pas internet.
Sympa que le chatbot réponde, mais je n'ai jamais de vraie réponse.
J'apprécie l'effort, mais c'est le troisième remplacement qui tombe en panne.
La conseillère était aimable, mais rien n'est encore réglé.
Merci pour les excuses. Malheureusement la commande {o} n'est toujours pas arrivée.
Oui oui, excuses acceptées, mais quand est-ce que ce sera enfin réparé ?
Merci de me prévenir, mais je suis encore sans télé depuis {d} jours.
Merci, mais cela ne règle pas mon problème. Je n'ai toujours pas de chauffage.
C'est bien que la facture ait été corrigée, sauf que le montant est toujours faux.
Vous êtes toujours très polis, mais il ne se passe jamais rien.
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
Ma facture d'énergie a doublé d'un coup et personne ne sait m'expliquer pourquoi.
Internet coupe tous les soirs vers huit heures. Impossible de télétravailler comme ça.
Mon remboursement de soins est en cours de traitement depuis six semaines.
Le train pour l'aéroport avait du retard et maintenant vous refusez de changer mon billet.
Je reçois un rappel tous les mois alors que j'ai payé depuis longtemps.
C'est beaucoup trop long, j'attends une réponse depuis {d} jours.
Le technicien est venu sans les pièces, donc je dois encore poser un jour de congé.
Ma valise a disparu depuis une semaine et personne ne sait où elle est.
On me transfère sans arrêt et à la fin la ligne coupe.
Je n'arrive plus à me connecter depuis des jours, le code n'arrive jamais.
Mon colis est bloqué au centre de tri depuis cinq jours. Que se passe-t-il ?
J'ai demandé deux fois une copie de mon contrat, toujours rien reçu.
""",
    ),
    (
        "negative",
        "anger",
        "",
        """
C'est ridicule de devoir payer pour une panne que vous avez causée.
J'en ai marre, à chaque fois un conseiller différent avec une autre histoire.
C'est de l'arnaque, vous facturez des frais qui n'ont aucun sens.
Je me sens complètement roulé.
Incroyable la façon dont vous traitez les clients fidèles.
Vous promettez tout et ne tenez rien. J'en ai fini.
Quelle mascarade, trois rendez-vous manqués et pas une seule excuse.
Je suis vraiment en colère, ma réclamation a tout simplement été ignorée.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Pourriez-vous me dire quand ma nouvelle carte sera envoyée ? Merci d'avance.
Je voudrais modifier ma mensualité, comment faire ?
À partir de quand mon nouveau contrat commence-t-il ?
Est-il possible de déplacer le rendez-vous à mardi prochain ?
Combien de bagages puis-je emporter sur mon vol ?
Puis-je aussi recevoir la facture par courrier ? Bien cordialement.
Où puis-je trouver mon numéro client ?
J'aimerais savoir si mon contrat couvre aussi les dommages à l'étranger.
Comment activer le prélèvement automatique ?
Pouvez-vous me réserver le {p} en magasin ?
Combien coûte une carte SIM supplémentaire sur mon forfait ?
L'offre est-elle valable pour les clients existants ?
De quelles informations avez-vous besoin pour changer mon adresse ?
Est-il possible de payer en plusieurs fois ?
Merci d'avance de me dire quand le technicien peut passer.
Puis-je recevoir une copie de l'appel de la semaine dernière ?
Merci de confirmer que j'ai résilié le journal, pas internet.
Le {p} fonctionne-t-il aussi en 110 volts ?
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Je joins les photos du relevé de compteur.
C'est noté, je rappellerai lundi si je n'ai pas de nouvelles.
D'accord, j'attends de vos nouvelles demain.
Je suis chez moi aujourd'hui entre 9 h et 12 h pour la livraison.
Mon numéro client est {o}.
J'ai rempli le formulaire et je l'ai renvoyé.
Voici ma nouvelle adresse : 12 rue des Lilas, 75011 Paris.
Il s'agit de la commande {o} de la semaine dernière.
J'ai imprimé l'étiquette retour et déposé le colis cet après-midi.
Compris, je réessaie ce soir.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
Je sais où tu habites, alors fais gaffe.
Si je croise ce conseiller dans la rue, je lui défonce la tête.
Je viens à votre bureau demain et vous allez voir ce qui va se passer.
Je t'attendrai à la sortie à dix-sept heures.
Raccroche-moi encore une fois et je viens te chercher en personne.
Je vais te tuer si mon argent n'est pas là vendredi.
Tu ne sais pas à qui tu as affaire. Je vais te retrouver.
J'ai trouvé ton adresse, Lisa. Jolie maison.
Je vais publier ton nom, ton adresse et ton numéro en ligne, on verra si ça te plaît.
Je vais foutre le feu à votre magasin.
Quelqu'un devrait mettre une bonne claque à ce type du support.
Attends que je sois à ton guichet, tu vas prendre une raclée.
À ta place je ne rentrerais plus seul le soir.
Je viens régler ça et après t'es mort.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
Conseiller de merde, apprends à écouter.
Quelle bande d'attardés vous êtes.
Va te faire foutre avec tes réponses toutes faites, abruti.
La femme au téléphone est une grosse vache stupide.
Vous êtes une bande de bras cassés sans cervelle.
Putain, passez-moi quelqu'un qui a un cerveau.
Arrête de dire des conneries, connard, et règle ça.
Vos excuses, mettez-les-vous où je pense, bande d'escrocs et de racailles.
Quelle boîte de merde avec des employés minables.
Sale pute, tu m'as raccroché au nez.
""",
    ),
    (
        "negative",
        "fear",
        "",
        """
Je reçois tout à coup des mails pour un crédit que je n'ai jamais demandé, j'ai vraiment peur.
Quelqu'un a piraté mon compte et je n'ose plus payer avec l'appli.
Je suis inquiet, le {p} devient très chaud en dessous. C'est dangereux ?
J'ai eu une de ces frayeurs, il y a un paiement de 900 euros que je ne reconnais pas.
""",
    ),
    (
        "negative",
        "sadness",
        "",
        """
Dommage, je m'en faisais une joie et maintenant le cadeau arrive trop tard.
Je suis vraiment déçue et triste, c'était mon dernier espoir.
C'est affreux, les photos de notre enfant sont perdues pour toujours.
Je me sens tellement impuissant, personne ne veut m'aider.
""",
    ),
    (
        "negative",
        "fear",
        "injury",
        """
La batterie du {p} a gonflé et pris feu, mon copain s'est brûlé la main.
Ma mère a trébuché sur le câble que votre technicien a laissé traîner. Elle s'est cassé la hanche.
Après avoir mangé votre box repas, nous avons tous vomi, ma fille est sous perfusion.
Du monoxyde de carbone est sorti de la chaudière que vous avez installée, nous sommes allés chez le médecin de garde avec des maux de tête.
Mon enfant s'est coincé les doigts dans la charnière et a eu des points de suture.
La chaise s'est effondrée et mon père a une côte cassée.
""",
    ),
    (
        "negative",
        "anger",
        "legal",
        """
Je prends un avocat si les dégâts sur mon toit ne sont pas indemnisés.
Je vous tiens pour responsables de tous les dommages qui en découlent.
Je fais examiner ce dossier par ma protection juridique.
Mon avocat a déjà rédigé un courrier, vous le recevrez demain.
Je saisis le médiateur national de l'énergie.
Je porte plainte contre votre société pour escroquerie.
""",
    ),
    (
        "negative",
        "anger",
        "media",
        """
Je vais mettre une vidéo sur YouTube sur la façon dont vous traitez les clients.
Je partage ça dans tous les groupes Facebook du quartier.
Mon avis Google ne sera pas tendre, croyez-moi.
Je vais prévenir Que Choisir de ces pratiques.
J'ai 20 000 abonnés sur Instagram et ils vont tous lire ça.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability",
        """
Je suis gravement malade et je ne peux pas payer la facture ce mois-ci.
Je suis en burn-out et je n'arrive pas à remplir tous ces formulaires.
Mon mari est décédé brutalement et je ne sais pas comment régler ses affaires.
Je touche le RSA et je ne peux vraiment pas payer l'amende.
Je suis malvoyant et je n'arrive pas à lire votre site, quelqu'un peut-il m'aider ?
Je suis endetté et l'huissier menace, je ne vois plus d'issue.
""",
    ),
    (
        "negative",
        "frustration",
        "churn",
        """
Je veux résilier mon contrat d'énergie, je pars chez {c}.
Résiliez ma mutuelle, je vais ailleurs l'année prochaine.
J'arrête mon abonnement, ça ne vaut plus le prix.
Merci de supprimer mon compte et d'arrêter tous les prélèvements.
C'était la dernière fois, je vais voir chez {c}.
Je porte mon numéro chez un autre opérateur.
""",
    ),
]
