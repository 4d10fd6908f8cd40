"""English message templates (hand-written): (sentiment, emotion, signals, lines)."""

GROUPS = [
    (
        "negative",
        "fear",
        "injury",
        """
My {p} exploded this morning while charging and my son got burns on his hand. We were at the hospital all afternoon.
The {p} caught fire in the kitchen, the whole counter is black. Luckily nobody was hurt but my wife inhaled smoke and had to see a doctor.
My daughter swallowed one of the small button batteries from the {p}. We are in A&E right now. How is this even allowed??
I got an electric shock from the {p} when I touched the switch. My arm is still tingling, the GP told me to report it.
After using the cream I had a severe allergic reaction, my face swelled up and I ended up in the emergency room.
The glass lid of the {p} shattered and a piece cut my finger badly, needed 4 stitches.
The {p} started smoking and melted. My toddler was standing right next to it. I am shaking, this could have been so much worse.
Your {p} overheated and burnt my leg through my jeans. I have a second degree burn, photos attached.
my kid got hurt by the {p} the blade came loose!! we had to go to the hospital
The steam valve on the {p} blew off and scalded my hand. I cannot work for a week.
I was injured when the {p} fell apart during use. Doctor says it is a sprained wrist. Order {o}.
Sparks came out of the {p} and it set the curtains alight. Fire brigade came. Is this a known safety problem?
""",
    ),
    (
        "negative",
        "anger",
        "injury legal",
        """
Your {p} burned my daughter. I have already contacted a lawyer and we will hold you liable for the medical costs.
My husband was hospitalised after the {p} exploded. Our solicitor will be in touch about compensation.
The {p} caused a fire in our home. I am taking legal action unless you accept liability within {d} days.
Child swallowed a magnet from your toy set and needed surgery. We are suing.
""",
    ),
    (
        "negative",
        "anger",
        "legal",
        """
If I don't get my refund of order {o} within {d} days I will take legal steps.
I have contacted my lawyer about this. Expect a letter from him next week.
This is my final warning before I file a claim at the small claims court.
I will report you to Trading Standards and the consumer authority for this scam.
You are in breach of contract and the Consumer Rights Act. My solicitor has been informed.
Consider this a formal notice of default. I will go to court if the {p} is not replaced.
I have already filed a complaint with the ombudsman and I'm talking to a legal adviser about the next steps.
We will sue you for damages, the {p} destroyed our floor.
Letter before action: you have {d} days to refund me in full or I start court proceedings.
My legal expenses insurance is handling this now, they'll contact you about liability.
You will receive a summons if you keep ignoring me about order {o}.
I am entitled to a refund by law. Refuse again and I'll see you in court.
""",
    ),
    (
        "negative",
        "anger",
        "media",
        """
If this isn't fixed today I'm posting everything on Twitter and Facebook.
I'll leave a one star review on Trustpilot and tell everyone how you treat customers.
I have contacted a journalist at the local newspaper about your practices.
Going to make a TikTok about this, let's see how viral your terrible service goes.
Already posted on Reddit and people are sharing it. Maybe now you'll listen.
I'm writing to BBC Watchdog about this. Shameful.
Tagged you in my Instagram story, 8k followers are going to see what you did with order {o}.
I will share this whole chat on social media unless someone calls me back.
""",
    ),
    (
        "negative",
        "anger",
        "aggression",
        """
You are a bunch of useless idiots. Fix my {p} NOW.
Listen you moron, I've called five times. Are you all brain dead over there?
I swear if I have to call one more time I will come down to your shop and smash the place up.
F*** you and your f***ing company. Give me my money back.
Your agent Mark is a clueless clown and should be fired.
Watch your back. I know where your warehouse is.
Shut up and give me my refund you stupid b*tch.
You people are pathetic scumbags and thieves.
I'm going to find the guy who hung up on me and he'll regret it.
What a bunch of incompetent morons, seriously, learn to do your damn job.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability",
        """
I lost my job last month and really cannot afford to pay the {p} twice. Please help me.
My husband passed away in May and the contract is still in his name. I don't know what to do.
I'm undergoing chemo and can't keep going to the post office to return this.
I'm a single mum on benefits and the £80 you charged by mistake means we can't buy groceries this week.
My mother has dementia and was sold a contract she does not understand. Please cancel it.
Since my stroke I can't use the phone well, so please reply by email.
We're in debt and the extra charges on invoice {o} pushed us over the edge.
I'm 84 and live alone, I don't understand the app and nobody helps me.
I've been in hospital for weeks and missed your letters, now there's a debt collector. I'm really struggling.
My dad died and I need to close his account, but you keep asking for his password.
""",
    ),
    (
        "negative",
        "frustration",
        "churn",
        """
I want to cancel my subscription immediately.
That's it, I'm switching to {c}. Please close my account.
Cancel my contract please, I've had enough of the outages.
I will never order from you again, going to {c} from now on.
How do I terminate my membership? Not renewing.
Please stop my direct debit and end the contract at the end of the month.
{c} offered me a better deal, so I'm leaving unless you can match it.
Already moved my broadband to {c}. Send me the final bill.
""",
    ),
    (
        "negative",
        "anger",
        "churn media",
        """
Cancel everything. And I'll make sure everyone on Facebook knows why I left.
I'm moving to {c} and writing a review on Trustpilot about this disaster.
""",
    ),
    (
        "negative",
        "anger",
        "aggression legal",
        """
You thieving bastards, my lawyer will destroy you in court.
You are idiots and criminals, I'm suing.
""",
    ),
    (
        "negative",
        "sadness",
        "vulnerability churn",
        """
I lost my job and need to cancel the subscription, I just can't pay for it anymore.
After my wife's death I need to end her phone contract. Please make it easy.
""",
    ),
    (
        "negative",
        "frustration",
        "",
        """
Order {o} still hasn't arrived after {d} days. This is the third time I'm asking.
I've been on hold for 45 minutes, again. Why is it so hard to get an answer?
The {p} stopped working after two weeks. Very disappointing.
You sent me the wrong colour and now I have to return it myself? Really annoying.
Nobody answers my emails. I've sent four already about order {o}.
The tracking says delivered but there is nothing here.
Still waiting for my refund, it's been {d} days.
The app keeps crashing when I try to pay. Fix it please.
Why was I charged twice for the same order?
The engineer didn't show up again, I took a day off for nothing.
The {p} makes a horrible noise and the replacement does the same.
Your chatbot is useless, it keeps sending me in circles.
Third time the delivery is rescheduled, I'm losing my patience here.
The instructions are wrong and the part is missing. Ugh.
""",
    ),
    (
        "negative",
        "anger",
        "",
        """
This is absolutely unacceptable. I paid for next day delivery and it's been a week.
I am furious. You cancelled my order without telling me.
Disgraceful service. Nobody takes responsibility for anything.
You took my money and sent nothing. I'm livid.
How dare you charge me a cancellation fee after your mistake!
Worst customer service I've ever experienced, period.
""",
    ),
    (
        "negative",
        "fear",
        "",
        """
I'm worried my personal details were leaked, I received a phishing email with my order number {o}.
I'm scared the {p} will overheat again, it smelled like burning plastic. Is it safe to keep using it?
I'm anxious because my payment went through twice and rent is due tomorrow.
Is my data safe? Someone logged into my account from another country.
""",
    ),
    (
        "negative",
        "sadness",
        "",
        """
The {p} was a birthday present for my dad and it arrived broken. He was so disappointed.
I'm really sad about this, I saved for months for this {p}.
The flowers for my mother's funeral never arrived. I feel terrible.
I was so looking forward to this and now the holiday is ruined.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
Hi, could you tell me when order {o} will be shipped?
Can I change the delivery address for my order?
What are your opening hours on Saturday?
Please send me a copy of the invoice for order {o}.
Is the {p} also available in black?
How do I register my warranty online?
I'd like to return the {p}, what is the procedure?
Do you deliver to Belgium as well?
Can I pay with PayPal?
My new phone number is 06-12345678, please update it.
Is there a user manual for the {p} in PDF?
What is the difference between the two models of the {p}?
When does the sale start?
I have a question about my last bill.
I moved house, where can I change my address?
Could someone call me back tomorrow morning about my contract?
Does the {p} come with a plug for the UK?
Please confirm you received my return, tracking number {o}.
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
Thank you so much for the quick help, the new {p} works perfectly!
Great service, the delivery came a day early. Much appreciated.
Just wanted to say your colleague Anna was really helpful on the phone. Thanks!
Love the {p}, best purchase this year.
Problem solved, thanks for the fast refund!
Wow, that was easy. Five stars from me.
Thanks for sorting this out so kindly, you made my day.
Really impressed with how you handled my complaint. I'll definitely order again.
""",
    ),
    (
        "neutral",
        "neutral",
        "",
        """
The brand of my {p} is Philips, does the warranty still apply?
I'm writing a review of the {p} for my blog, could you send me the specifications?
The right-hand side panel has a small scratch, can I get a replacement part?
Can I leave a review on your website after delivery?
Which brand of filter fits the {p}?
Our lawyer-client meeting room needs a new {p}, do you offer business invoices?
I saw an article in the press about your new store, when does it open?
How do I cancel just one item of order {o}, not the whole order?
Is the fire-resistant version of the {p} in stock?
Where is the reset button, on the left or right side?
""",
    ),
    (
        "positive",
        "joy",
        "",
        """
I'm dying to try the new {p}, when is it back in stock?
Killer price on the {p}, ordered two!
This deal is sick, thanks for the discount code.
The new collection is fire, can't wait for my parcel.
The {p} absolutely smashed it at our party, everyone loved it.
Your customer service is so good it's almost criminal. Thanks!
""",
    ),
]
