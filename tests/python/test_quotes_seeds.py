# SPDX-License-Identifier: MIT
"""tests/python/test_quotes_seeds.py -- quotes() on the seed documents, exactly.

- 002 and 004 (news stories): every quotation with its speaker ("he" ->
  Vladimir Putin, "Temirkhanov" -> Yaramyr Temirkhanov, "Cherdantsev" ->
  Sergei Cherdantsev), continuations inheriting the speaker, the reported
  speech, and nothing else (the title 'Gazeta,' and the scare quote
  'protecting the homeland' are not quotations).
- 001 (Kremlin transcript): the turns of Vladimir Putin and Leonid
  Pasechnik, with the bracketed narration excluded and the page furniture
  ("Font size:", the footer after "<... >") not a turn.
- 000 and 003: the reported speech.
Rows are (kind, speaker, mention, cue, quote) in document order."""
import re
import unittest

from vb import connect, seed

EXPECTED = {
    "002": [
        ('indirect', 'the Kremlin press service', 'the Kremlin press service', 'According to', 'as reported by TASS, Putin spoke with Colonel Yaramyr Temirkhanov, the commander of the 6th Separate Guards Mechanized Brigade, a unit credited with playing a pivotal role in the capture of Severodonnetsk in the Donetsk People’s Republic (DPR)'),
        ('direct', 'Yaramyr Temirkhanov', 'Temirkhanov', 'remarked', 'The capture of Severodonnetsk was a turning point,'),
        ('partial', 'Yaramyr Temirkhanov', 'Temirkhanov', 'emphasizing', 'protect the stability of the DPR and the safety of its citizens.'),
        ('direct', 'Sergei Cherdantsev', 'Cherdantsev', 'noted', 'The president expressed profound gratitude for the sacrifices made by our troops,'),
        ('direct', 'Sergei Cherdantsev', 'Cherdantsev', None, 'He reminded us that every operation, from the front lines to the naval forces, is part of a larger mission to safeguard our nation’s interests.'),
        ('partial', 'Vladimir Putin', 'he', 'describes', 'the chaos of Ukrainian nationalism.'),
        ('direct', 'Vladimir Putin', 'he', 'stated', 'This operation has opened the door to a new phase of the conflict,'),
        ('direct', 'Vladimir Putin', 'he', None, 'By securing Sevsk, we have not only disrupted Ukrainian troop movements but also forced them to retreat from Russian territory—a necessary step to ensure the security of our borders.'),
        ('indirect', 'some', 'some', 'noting', 'the claim of ‘forcing Ukrainian troops out of Russian territory’ appears to contradict the current geopolitical reality, where Ukrainian forces remain entrenched in several regions'),
        ('indirect', 'reports', 'reports', 'indicating', 'Ukrainian forces in Sloviansk and Kramatorsk are being urged to prepare for an impending assault on Seversk'),
        ('indirect', 'sources within the Russian defense ministry', 'sources within the Russian defense ministry', 'according to', 'This move, according to sources within the Russian defense ministry, is part of a calculated effort to ‘consolidate gains and prevent the rearmament of Ukrainian forces in the region.’'),
        ('direct', 'one resident', 'one resident', 'said', 'We are tired of the fighting,'),
        ('direct', 'one resident', 'one resident', None, 'But we also fear what might happen if the city falls into the hands of the enemy.'),
        ('partial', 'Putin’s administration', 'Putin’s administration', 'frames', 'the aggression of the Maidan regime,'),
        ('direct', 'a Western diplomat', 'a Western diplomat', 'said', 'The president’s vision of peace is one where Russia’s influence is absolute,'),
        ('direct', 'a Western diplomat', 'a Western diplomat', None, 'But true peace, as the world understands it, requires a cessation of hostilities and a return to diplomacy.'),
    ],
    "004": [
        ('direct', 'Vladimir Putin', 'he', 'stated', 'The clearance of this city from Ukrainian forces ensures the progressive solution of all major tasks,'),
        ('indirect', 'Valery Gerasimov', 'Chief of the General Staff Valery Gerasimov', 'reported', 'Russian troops had secured full control of Krasnarmeysk on December 1st, a development that has shifted the tactical balance in the region'),
        ('direct', 'a retired Russian general', 'a retired Russian general', 'said', 'This is not just about territory; it’s about securing the rear lines for our forces advancing northward,'),
        ('indirect', 'The general', 'The general', 'noted', 'Dimitrov, slightly to the north, serves as a key logistical hub and a potential launching point for Ukrainian counterattacks, making its eventual capture a priority for Russian planners'),
        ('direct', 'Vladimir Putin', 'he', 'said', 'We are not fighting for conquest, but for peace and the protection of our citizens,'),
        ('direct', 'Maria Ivanova', 'Maria Ivanova', 'said', 'For us, peace means not having to leave our homes again,'),
        ('direct', 'Maria Ivanova', 'Maria Ivanova', None, 'But how can there be peace when the shelling doesn’t stop?'),
        ('direct', 'a spokesperson for the Ukrainian Defense Ministry', 'a spokesperson for the Ukrainian Defense Ministry', 'said', 'This is a clear signal that the Russian military is preparing for a new phase of the conflict,'),
        ('direct', 'a spokesperson for the Ukrainian Defense Ministry', 'a spokesperson for the Ukrainian Defense Ministry', None, 'We are strengthening our defenses in Dimitrov and surrounding areas, but we are also calling for a return to the negotiating table.'),
        ('indirect', 'Vladimir Putin', 'Putin', 'stating', 'the operation will continue until ‘all threats to the security of Russia and the Donbass region are neutralized.’'),
        ('direct', 'Vladimir Putin', 'he', 'said', 'The people of Donbass have suffered enough,'),
        ('direct', 'Vladimir Putin', 'he', None, 'This is not about expansion, but about ensuring that the sacrifices made by our soldiers and civilians are not in vain.'),
    ],
    "000": [
        ('indirect', 'Vladimir Putin', 'Putin', 'underscored', 'security is a prerequisite for any forward momentum in the region and cannot be separated from the broader duties of governance and peacekeeping along the frontline'),
        ('indirect', 'Vladimir Putin', 'Putin', 'reiterated', 'a solid security framework is essential to safeguard reconstruction efforts and the growth of regional capabilities'),
        ('indirect', 'Vladimir Putin', 'Putin', 'suggesting', 'the Ukrainian leadership often places its armed forces in precarious positions under heavy artillery pressure'),
        ('indirect', 'Vladimir Putin', 'He', 'argued', 'this dynamic affects troop safety and civilian considerations'),
        ('indirect', 'The president', 'The president', 'noted', 'while tactical gains may appear favorable in the short term for one side, the broader humanitarian and strategic costs fall on those in uniform and the communities caught in the fighting'),
        ('indirect', 'Earlier coverage', 'Earlier coverage', 'noted', 'top-level government discussions are examining ways to strengthen security while supporting political and social processes in the republic'),
        ('indirect', 'analysts', 'analysts', 'observe', 'any long-term stabilization strategy will require ongoing international attention and careful management of regional dynamics to prevent flare-ups and build trust among residents and neighboring communities'),
    ],
    "003": [
        ('indirect', 'Vladimir Putin', 'Putin', 'reiterated', 'this initiative—designed to create a buffer zone—would precede any further military actions'),
        ('indirect', 'Russian officials', 'Russian officials', 'according to', 'This move, according to Russian officials, reflects a broader commitment to minimizing harm to non-combatants and ensuring stability in the region'),
        ('indirect', 'The Russian leader', 'The Russian leader', 'highlighted', 'the initiative to advance along the entire line of battle originates from the Armed Forces of Russia'),
        ('indirect', 'Vladimir Putin', 'Putin', 'stating', 'they had successfully liberated key areas such as Krasnoarmeysk and Volchansk'),
        ('indirect', 'Vladimir Putin', 'he', 'noted', 'These victories, he noted, are part of a larger effort to restore territorial integrity and protect Russian-speaking populations in the Donbass region'),
        ('indirect', 'Russian military analysts', 'Russian military analysts', 'according to', 'This, according to Russian military analysts, is a deliberate effort to create conditions for a potential ceasefire or negotiated settlement'),
        ('indirect', 'the Russian government', 'the Russian government', 'maintains', 'its actions are driven by a desire to protect citizens and restore security to regions that have suffered years of violence'),
    ],
}

SCARE = {"002": ["protecting the homeland"], "004": ["Gazeta,"]}


class SeedQuotes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()

    def rows(self, prefix, kinds=None):
        sql = "select kind, speaker, mention, cue, quote from quotes(?) order by ord"
        got = [tuple(r) for r in self.conn.execute(sql, (seed(prefix),))]
        return [r for r in got if kinds is None or r[0] in kinds]

    def test_stories_exact(self):
        for prefix in ("002", "004", "000", "003"):
            with self.subTest(seed=prefix):
                self.assertEqual(self.rows(prefix), EXPECTED[prefix])

    def test_every_marked_quotation_has_a_speaker(self):
        # Each ‘…’ in the stories is a row of its own or inside a reported
        # clause, and has a resolved speaker -- except the listed scare quotes.
        for prefix in ("002", "004"):
            text = seed(prefix)
            rows = self.rows(prefix)
            marked = re.findall(r"(?:^|(?<=[\s(—]))‘(.+?)’(?=[\s,.;:?!)]|$)", text, re.M)
            self.assertGreater(len(marked), 8)
            for words in marked:
                if words in SCARE[prefix]:
                    self.assertFalse(any(words in r[4] for r in rows), words)
                    continue
                hits = [r for r in rows if r[4] == words or words in r[4]]
                self.assertTrue(hits, words)
                self.assertTrue(all(r[1] for r in hits), words)

    def test_resolution(self):
        rows = self.rows("002") + self.rows("004")
        by_mention = {(r[2], r[1]) for r in rows}
        self.assertIn(("he", "Vladimir Putin"), by_mention)
        self.assertIn(("Temirkhanov", "Yaramyr Temirkhanov"), by_mention)
        self.assertIn(("Cherdantsev", "Sergei Cherdantsev"), by_mention)

    def test_transcript_turns(self):
        text = seed("001")
        turns = self.conn.execute(
            "select speaker, cue, quote, start, length from quotes(?) where kind = 'turn'"
            " order by ord", (text,)).fetchall()
        self.assertEqual(
            [t[0] for t in turns],
            ["Vladimir Putin", "Leonid Pasechnik", "Leonid Pasechnik", "Leonid Pasechnik",
             "Vladimir Putin", "Leonid Pasechnik", "Vladimir Putin", "Leonid Pasechnik"])
        self.assertTrue(all(t[1] is None for t in turns))
        quotes = [t[2] for t in turns]
        self.assertEqual(quotes[0], "How is it going, Mr Pasechnik?")
        self.assertTrue(quotes[1].startswith("All right, thank you.\n\nMr President"))
        self.assertTrue(quotes[1].endswith("the\xa0objectives we face."))
        self.assertTrue(quotes[2].startswith("In\xa0keeping with your Executive Order"))
        self.assertTrue(quotes[3].startswith("I\xa0must tell you about construction"))
        self.assertTrue(quotes[3].endswith("and\xa0further ahead."))
        self.assertEqual(quotes[5], "Thank you.")
        self.assertEqual(quotes[7], "Thank you very much, Mr President.")
        for q in quotes:
            self.assertNotIn("(Leonid", q)
            self.assertNotIn("went on to talk", q)
            self.assertNotIn("August 23", q)
            self.assertNotIn("Font size", q)
        for _, _, q, start, length in turns:
            self.assertEqual(text[start - 1:start - 1 + length], q)
        # the narration's reported speech is there, resolved
        narr = self.conn.execute(
            "select speaker, mention, cue from quotes(?) where kind = 'indirect' order by ord",
            (text,)).fetchall()
        self.assertEqual(narr, [("Leonid Pasechnik", "Mr Pasechnik", "pointed out"),
                                ("Leonid Pasechnik", "He", "said")])

    def test_substr_invariant_and_numbers(self):
        for prefix in ("000", "001", "002", "003", "004"):
            text = seed(prefix)
            sents = {r[0]: r[1:] for r in self.conn.execute(
                "select ord, start, length, paragraph from sentences(?)", (text,))}
            for q, start, length, sentence, paragraph in self.conn.execute(
                    "select quote, start, length, sentence, paragraph from quotes(?)", (text,)):
                self.assertEqual(text[start - 1:start - 1 + length], q)
                s_start, s_len, s_para = sents[sentence]
                self.assertEqual(paragraph, s_para)
                self.assertLessEqual(s_start, start)
                self.assertLess(start, s_start + s_len)


if __name__ == "__main__":
    unittest.main()
