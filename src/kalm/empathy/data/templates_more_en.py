"""More English templates (hand-written, round 2): customer-care praise, thanks and relief, mixed
"thanks, but" complaints, neutral questions from other sectors, threats and insults aimed at staff.
Training only: build_dataset.py never puts these in a held-out set. (sentiment, emotion, signals,
lines)."""

GROUPS = [
    (
        "positive",
        "joy",
        "",
        """
Thanks for thinking along with me, the fault is fixed and everything works again.
Great that you replied so quickly, my problem is completely solved.
The money for order {o} is already in my account. Thank you!
Thank you for the clear explanation on the phone, I finally understand my bill.
Thanks a million, the replacement {p} was delivered today in perfect shape.
The technician fixed it in ten minutes. What a pro, thanks!
I want to thank you for the generous solution, I really didn't expect that.
Brilliantly handled, the new SIM card worked straight away.
You really got me out of a tight spot, thank you so much.
Thanks for calling me back, it's all clear and sorted now.
Moving my broadband went without a hitch, compliments to the whole team.
Rebooking my trip was smooth, thanks for the fast service.
My insurance claim was paid out within a week, very decent!
Hot water again at last. Thanks for getting the engineer out so late!
What service, there was even a little treat in my parcel. Thanks!
I didn't think it would be this easy. Thank you for your help.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Big compliments to Ahmed from customer service, he was incredibly patient.
The delivery guy was lovely and put the parcel inside for me.
I'm very pleased with the {p}, exactly what I was looking for.
What a nice person I had on the line, a real asset to your company.
Customer for years and still very happy with your service.
The {p} is beautiful and works brilliantly, I recommend it to everyone.
Your web shop is clear and delivery was lightning fast. Hats off!
Excellent service, friendly staff and everything delivered on time.
I'm really happy with my new plan, the speed is fantastic.
Kudos to the chat agent, everything was sorted within five minutes.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
What a relief, the parcel arrived in time for the birthday after all!
Luckily the double charge has been reversed. I panicked for a moment but it all worked out.
Phew, I thought my data was gone, but you restored everything. Thanks!
I was afraid I'd be without heating, but the engineer came the same day. Wonderful.
Phew, the flight is going ahead after all. Thanks for the quick update.
My worries were for nothing, everything is neatly sorted. Thank you.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
great, thanks!
Perfect, thank you!!
lovely, cheers 😊
All good, thanks for the effort.
Amazing, you guys are stars!
Brilliant, many thanks!
Nice one, it works again. Ta!
Thank you, you're a lifesaver!
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Not a single problem since the update, it works perfectly.
Nothing wrong anymore, the {p} runs like new. Thanks!
There was no need to come round after all, it got fixed over the phone. Very nice.
I have no complaints anymore, you sorted everything out properly.
No hassle, no waiting, just good help. Thanks!
Didn't expect it, but the broken {p} was replaced without any argument. Top!
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
Thanks for your answer, but the {p} still doesn't work.
Good that an engineer came round, only the fault is back again now.
Nice of you to say sorry, but that's no use to me while the money isn't back.
Thanks for the voucher, but I just want a working product.
You said it was fixed, but I still have no internet.
Lovely that the chatbot replies, but I never get a real answer.
I appreciate the effort, but this is the third replacement that's broken.
The agent was friendly, but nothing has been arranged yet.
Thanks for the apology. Unfortunately order {o} still hasn't arrived.
Yeah yeah, apology accepted, but when is it finally going to be repaired?
Good of you to let me know, but I've been without TV for {d} days again.
Thank you, but this doesn't solve my problem. I still have no heating.
Fine that the invoice was adjusted, only the amount is still wrong.
You're always very polite, but nothing ever happens.
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
My energy bill has suddenly doubled and nobody can explain why.
The internet drops every evening around eight. I can't work from home like this.
My claim has been under review for six weeks now.
The train to the airport was late and now you refuse to rebook me.
I get a reminder every month even though I paid long ago.
This is taking far too long, I've been waiting {d} days for a reply.
The engineer turned up without parts, so now I have to take another day off.
My suitcase has been missing for a week and nobody knows where it is.
I keep getting transferred and in the end the line goes dead.
I haven't been able to log in for days, the code never arrives.
My parcel has been stuck at the sorting centre for five days. What's going on?
Asked twice for a copy of my policy, still nothing received.
""",
    ),
    (
        "negative",
        "anger",
        "",
        """
Ridiculous that I have to pay for an outage that you caused.
I'm fed up, a different story from a different agent every single time.
This is a rip-off, you charge fees that make no sense at all.
I feel completely cheated by you.
Unbelievable how badly you treat loyal customers.
You promise everything and deliver nothing. I'm done.
What a farce, three missed appointments and not a single apology.
I'm really angry, my complaint was simply ignored.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Could you tell me when my new card will be sent? Thanks in advance.
I'd like to change my monthly amount, how do I do that?
When does my new contract start?
Is it possible to move the appointment to next Tuesday?
How much luggage can I take on my flight?
Can I get the invoice by post as well? Kind regards.
Where can I find my customer number?
I'd like to know whether my policy also covers damage abroad.
How do I switch on automatic payments?
Can you reserve the {p} for me in the store?
What does it cost to add an extra SIM card to my plan?
Does the offer apply to existing customers too?
What details do you need to change my address?
Is there an option to pay in instalments?
Thanks in advance, please let me know when the engineer can come.
May I have a transcript of last week's call?
Please confirm that I cancelled the newspaper, not the internet.
Does the {p} also work on 110 volts?
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
I've attached the photos of the meter reading.
Noted, I'll ring back on Monday if I haven't heard anything.
Fine, I'll hear from you tomorrow then.
I'm home today between 9 and 12 for the delivery.
My customer number is {o}.
I've filled in the form and sent it back.
Here is my new address: 12 High Street, Anytown AB1 2CD.
It's about order {o} from last week.
I printed the return label and dropped the parcel off this afternoon.
Understood, I'll try again this evening.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
I know where you live, so watch yourself.
If I run into that agent in the street I'll beat the crap out of him.
I'm coming to your office tomorrow and then you'll see what happens.
I'll be waiting for you at the exit at five.
Hang up on me one more time and I'll come and find you personally.
I'll kill you if my money isn't here by Friday.
You don't know who you're dealing with. I will find you.
I found your address, Lisa. Nice house you've got.
I'll put your name, address and phone number online, let's see how you like that.
I'm going to burn your shop to the ground.
Someone should give that helpdesk guy a good slap.
Wait till I'm at your counter, you'll get a beating.
If I were you I wouldn't walk home alone at night anymore.
I'm coming to settle this and then you're finished.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
Stupid useless agent, learn to listen for once.
What a bunch of retards you are.
Piss off with your copy-paste answers, you prick.
That woman on the phone is a dumb cow.
You're a pack of brainless clowns and amateurs.
Goddammit, just give me someone with a brain.
Stop talking crap, you dickhead, and sort it out.
Shove your apologies up your arse, you're all crooks and scum.
What a shit company with pathetic loser staff.
You dirty whore, you just hung up on me.
""",
    ),
    (
        "negative",
        "fear",
        "",
        """
I'm suddenly getting emails about a loan I never took out, I'm really scared.
Someone broke into my account and I don't dare pay through the app anymore.
I'm worried, the {p} gets very hot underneath. Could that be dangerous?
I got such a fright, there's a payment of 900 pounds I don't recognise.
""",
    ),
    (
        "negative",
        "sadness",
        "",
        """
Such a shame, I was so looking forward to it and now the present is too late.
I'm really disappointed and upset, this was my last hope.
It's awful, the photos of our child are gone forever.
I feel so helpless, nobody wants to help me.
""",
    ),
    (
        "negative",
        "fear",
        "injury",
        """
The battery of the {p} swelled up and caught fire, my boyfriend burnt his hand.
My mother tripped over the loose cable your engineer left behind. She broke her hip.
After eating your meal kit we were all vomiting, my daughter is on a drip.
Carbon monoxide came out of the boiler you installed, we went to out-of-hours with headaches.
My child trapped his fingers in the hinge and needed stitches.
The chair collapsed and my father has a broken rib.
""",
    ),
    (
        "negative",
        "anger",
        "legal",
        """
I'll instruct a solicitor if the damage to my roof isn't paid for.
I hereby hold you liable for all consequential damage.
I'm having my legal insurance look into this.
My lawyer has already drafted a letter, you'll get it tomorrow.
I'm starting a case with the energy ombudsman.
I'm reporting your company to the police for fraud.
""",
    ),
    (
        "negative",
        "anger",
        "media",
        """
I'm going to put a video on YouTube about how you treat customers.
I'm sharing this in every local Facebook group.
My Google review won't be kind, believe me.
I'm tipping off Watchdog about these practices.
I have 20,000 followers on Instagram and they're all going to read this.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability",
        """
I'm seriously ill and can't pay the bill this month.
I have burnout and I can't manage to fill in all these forms.
My husband died suddenly and I don't know how to sort out his affairs.
I'm on universal credit and really can't pay the fine.
I'm partially sighted and can't read your website, can someone help me?
I'm in debt and the bailiffs are threatening, I can't see a way out anymore.
""",
    ),
    (
        "negative",
        "frustration",
        "churn",
        """
I want to cancel my energy contract, I'm going to {c}.
Cancel my health insurance, I'm going elsewhere next year.
I'm ending my subscription, it's not worth the money anymore.
Please delete my account and stop all direct debits.
This was the last time, I'm taking my business to {c}.
I'm porting my number to another provider.
""",
    ),
]
