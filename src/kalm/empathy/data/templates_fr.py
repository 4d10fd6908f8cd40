"""French message templates (hand-written): (sentiment, emotion, signals, lines)."""

GROUPS = [
    (
        "negative",
        "fear",
        "injury",
        """
Mon {p} a explosé ce matin pendant la charge et mon fils a des brûlures à la main. Nous avons passé l'après-midi à l'hôpital.
Le {p} a pris feu dans la cuisine, tout le plan de travail est noir. Heureusement pas de blessé mais ma femme a inhalé de la fumée et a dû voir un médecin.
Ma fille a avalé une pile bouton du {p}. Nous sommes aux urgences en ce moment. Comment est-ce possible ??
J'ai reçu une décharge électrique en touchant l'interrupteur du {p}. Mon bras picote encore.
Après avoir utilisé la crème j'ai fait une grave réaction allergique, mon visage a gonflé et j'ai fini aux urgences.
Le couvercle en verre du {p} a éclaté et un morceau m'a profondément coupé le doigt, 4 points de suture.
Le {p} s'est mis à fumer et a fondu. Mon petit était juste à côté. Je tremble encore, ça aurait pu être bien pire.
Votre {p} a surchauffé et m'a brûlé la jambe. Brûlure au deuxième degré, photos en pièce jointe.
mon enfant s'est blessé avec le {p} la lame s'est détachée!! on a dû aller à l'hôpital
La soupape du {p} a sauté et je me suis ébouillanté la main. Je ne peux pas travailler pendant une semaine.
Je me suis blessé quand le {p} s'est cassé pendant l'utilisation. Le médecin parle d'une entorse au poignet. Commande {o}.
Des étincelles sont sorties du {p} et les rideaux ont pris feu. Les pompiers sont venus. Est-ce un problème de sécurité connu ?
""",
    ),
    (
        "negative",
        "anger",
        "injury legal",
        """
Votre {p} a brûlé ma fille. J'ai déjà contacté un avocat et nous vous tenons responsables des frais médicaux.
Mon mari est hospitalisé après l'explosion du {p}. Notre avocat vous contactera pour l'indemnisation.
Le {p} a provoqué un incendie chez nous. J'irai au tribunal si vous ne reconnaissez pas votre responsabilité sous {d} jours.
Mon enfant a avalé un aimant de votre jouet et a dû être opéré. Nous allons porter plainte.
""",
    ),
    (
        "negative",
        "anger",
        "legal",
        """
Si je ne suis pas remboursé de la commande {o} sous {d} jours, j'engagerai des poursuites judiciaires.
J'ai contacté mon avocat à ce sujet. Attendez-vous à recevoir un courrier de sa part la semaine prochaine.
Ceci est mon dernier avertissement avant de saisir le médiateur de la consommation.
Je vais vous signaler à la DGCCRF et à l'Inspection économique pour cette arnaque.
Ceci vaut mise en demeure. Mon assurance protection juridique est informée.
Je saisirai le juge de paix si le {p} n'est pas remplacé.
J'ai déjà déposé une plainte auprès de Test-Achats et je consulte un juriste pour la suite.
Nous allons vous réclamer des dommages et intérêts, le {p} a détruit notre parquet.
Vous avez {d} jours pour me rembourser intégralement, sinon je vous assigne en justice.
Ma protection juridique s'occupe du dossier, ils vous contacteront au sujet de votre responsabilité.
Vous recevrez une citation à comparaître si vous continuez à m'ignorer pour la commande {o}.
La loi m'autorise à être remboursé. Si vous refusez encore, on se verra au tribunal.
""",
    ),
    (
        "negative",
        "anger",
        "media",
        """
Si ce n'est pas réglé aujourd'hui je publie tout sur Twitter et Facebook.
Je vais laisser un avis une étoile sur Trustpilot et raconter à tout le monde comment vous traitez vos clients.
J'ai contacté un journaliste du journal local.
Je vais faire une vidéo TikTok, on verra si votre service pourri devient viral.
Je l'ai déjà posté sur Reddit et les gens le partagent. Peut-être que maintenant vous allez écouter.
Je vais envoyer ça à l'émission On n'est pas des pigeons. Honteux.
Je vous ai identifiés dans ma story Instagram, 8k abonnés vont voir ce que vous avez fait avec la commande {o}.
Je partage toute cette conversation sur les réseaux sociaux si personne ne me rappelle.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
Bande d'incapables. Réparez mon {p} MAINTENANT.
Écoute-moi bien crétin, j'ai appelé cinq fois. Vous êtes tous débiles ou quoi ?
Si je dois encore appeler une fois je viens dans votre magasin et je casse tout.
Allez vous faire foutre, rendez-moi mon argent.
Votre employé Marc est un clown incompétent, il faut le virer.
Faites attention à vous. Je sais où se trouve votre entrepôt.
Ferme ta gueule et rembourse-moi, connasse.
Vous êtes des minables, des salauds et des voleurs.
Je vais retrouver le type qui m'a raccroché au nez et il va le regretter.
Quelle bande de connards incompétents, apprenez à faire votre boulot.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability",
        """
J'ai perdu mon emploi le mois dernier et je ne peux vraiment pas payer le {p} deux fois. Aidez-moi s'il vous plaît.
Mon mari est décédé en mai et le contrat est toujours à son nom. Je ne sais pas quoi faire.
Je suis sous chimiothérapie et je ne peux pas aller sans cesse à la poste pour renvoyer ça.
Je suis mère célibataire au chômage et les 80 euros prélevés par erreur nous empêchent de faire les courses cette semaine.
Ma mère a la maladie d'Alzheimer et on lui a vendu un contrat qu'elle ne comprend pas. Merci de l'annuler.
Depuis mon AVC j'ai du mal à téléphoner, répondez-moi par mail s'il vous plaît.
Nous sommes surendettés et les frais supplémentaires sur la facture {o} sont la goutte de trop.
J'ai 84 ans et je vis seule, je ne comprends pas l'application et personne ne m'aide.
J'ai été hospitalisé pendant des semaines et j'ai raté vos lettres, maintenant un huissier me relance. Je n'en peux plus.
Mon père est décédé et je dois fermer son compte, mais vous continuez à demander son mot de passe.
""",
    ),
    (
        "negative",
        "frustration",
        "churn",
        """
Je veux résilier mon abonnement immédiatement.
C'est fini, je passe chez {c}. Fermez mon compte s'il vous plaît.
Résiliez mon contrat, j'en ai assez des pannes.
Je ne commanderai plus jamais chez vous, désormais j'irai chez {c}.
Comment mettre fin à mon adhésion ? Je ne renouvelle pas.
Arrêtez le prélèvement automatique et mettez fin au contrat à la fin du mois.
{c} me propose une meilleure offre, donc je pars sauf si vous faites pareil.
Mon internet est déjà chez {c}. Envoyez-moi la facture de clôture.
""",
    ),
    (
        "negative",
        "anger",
        "churn media",
        """
Résiliez tout. Et je ferai en sorte que tout le monde sur Facebook sache pourquoi je suis parti.
Je passe chez {c} et j'écris un avis sur Trustpilot sur ce désastre.
""",
    ),
    (
        "negative",
        "anger",
        "aggression legal",
        """
Bande d'escrocs, salauds, mon avocat va vous détruire au tribunal.
Vous êtes des crétins et des criminels, je porte plainte.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability churn",
        """
J'ai perdu mon travail et je dois résilier l'abonnement, je ne peux plus payer.
Après le décès de ma femme je veux résilier son abonnement téléphonique. Merci de faciliter les choses.
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
La commande {o} n'est toujours pas arrivée après {d} jours. C'est la troisième fois que je demande.
Cela fait 45 minutes que j'attends au téléphone, encore. Pourquoi est-ce si difficile d'avoir une réponse ?
Le {p} ne fonctionnait plus après deux semaines. Très décevant.
Vous m'avez envoyé la mauvaise couleur et je dois la renvoyer moi-même ? Vraiment agaçant.
Personne ne répond à mes mails. J'en ai déjà envoyé quatre pour la commande {o}.
Le suivi indique livré mais il n'y a rien ici.
J'attends toujours mon remboursement, cela fait {d} jours.
L'application plante à chaque fois que je veux payer. Merci de corriger.
Pourquoi ai-je été débité deux fois pour la même commande ?
Le technicien n'est encore pas venu, j'avais pris un jour de congé pour rien.
Le {p} fait un bruit horrible et celui de remplacement aussi.
Votre chatbot est nul, il me fait tourner en rond.
Troisième fois que la livraison est reportée, je perds patience.
La notice est fausse et il manque une pièce. Pfff.
""",
    ),
    (
        "negative",
        "anger",
        "",
        """
C'est absolument inacceptable. J'ai payé la livraison express et ça fait une semaine.
Je suis furieux. Vous avez annulé ma commande sans me prévenir.
Service lamentable. Personne n'assume quoi que ce soit.
Vous avez pris mon argent et rien envoyé. Je suis hors de moi.
Comment osez-vous me facturer des frais d'annulation après votre erreur !
Pire service client que j'aie jamais connu, point.
""",
    ),
    (
        "negative",
        "fear",
        "",
        """
J'ai peur que mes données aient fuité, j'ai reçu un mail de phishing avec mon numéro de commande {o}.
J'ai peur que le {p} surchauffe encore, ça sentait le plastique brûlé. Est-ce que je peux continuer à l'utiliser ?
Je suis inquiète car le paiement a été prélevé deux fois et le loyer est dû demain.
Mes données sont-elles en sécurité ? Quelqu'un s'est connecté à mon compte depuis l'étranger.
""",
    ),
    (
        "negative",
        "sadness",
        "",
        """
Le {p} était un cadeau d'anniversaire pour mon père et il est arrivé cassé. Il était tellement déçu.
Je suis vraiment triste, j'ai économisé des mois pour ce {p}.
Les fleurs pour l'enterrement de ma mère ne sont jamais arrivées. Je me sens très mal.
J'attendais ça avec impatience et maintenant les vacances sont gâchées.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Bonjour, pouvez-vous me dire quand la commande {o} sera expédiée ?
Puis-je modifier l'adresse de livraison de ma commande ?
Quels sont vos horaires d'ouverture le samedi ?
Pouvez-vous m'envoyer une copie de la facture de la commande {o} ?
Le {p} existe-t-il aussi en noir ?
Comment enregistrer ma garantie en ligne ?
Je voudrais retourner le {p}, quelle est la procédure ?
Livrez-vous aussi au Luxembourg ?
Puis-je payer par Bancontact ?
Mon nouveau numéro est le 0470 12 34 56, pouvez-vous le mettre à jour ?
Existe-t-il un mode d'emploi du {p} en PDF ?
Quelle est la différence entre les deux modèles de {p} ?
Quand commencent les soldes ?
J'ai une question sur ma dernière facture.
J'ai déménagé, où puis-je changer mon adresse ?
Quelqu'un pourrait-il me rappeler demain matin au sujet de mon contrat ?
Le {p} est-il livré avec une prise belge ?
Merci de confirmer la réception de mon retour, numéro de suivi {o}.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Merci beaucoup pour l'aide rapide, le nouveau {p} fonctionne parfaitement !
Super service, le colis est arrivé un jour plus tôt. Merci beaucoup.
Je voulais juste dire que votre collègue Anne a été très serviable au téléphone. Merci !
J'adore le {p}, meilleur achat de l'année.
Problème résolu, merci pour le remboursement rapide !
Waouh, c'était facile. Cinq étoiles de ma part.
Merci d'avoir réglé ça si gentiment, vous avez illuminé ma journée.
Vraiment impressionné par la façon dont vous avez traité ma réclamation. Je recommanderai sans hésiter.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
La marque de mon {p} est Philips, la garantie s'applique-t-elle encore ?
J'écris un avis sur le {p} pour mon blog, pourriez-vous m'envoyer les caractéristiques ?
Le panneau latéral droit a une petite rayure, puis-je obtenir une pièce de rechange ?
Puis-je laisser un avis sur votre site après la livraison ?
Quel filtre convient au {p} ?
J'ai lu un article dans la presse sur votre nouveau magasin, quand ouvre-t-il ?
Comment annuler un seul article de la commande {o}, pas toute la commande ?
La version ignifugée du {p} est-elle en stock ?
Le bouton est à droite, faut-il appuyer longtemps pour le reset ?
Mon avocat préféré est le Hass, vous en vendez au rayon frais ?
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Je meurs d'envie d'essayer le nouveau {p}, quand est-il de nouveau en stock ?
Prix de folie pour le {p}, j'en ai commandé deux !
Cette promo est une tuerie, merci pour le code de réduction.
Le {p} a fait un carton à notre fête, tout le monde l'a adoré.
Je suis mort de rire devant votre nouvelle pub, génial !
Votre service est d'enfer. Merci !
""",
    ),
]
