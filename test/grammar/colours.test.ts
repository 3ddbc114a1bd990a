// Colours as VS Code paints them: the grammars' scopes resolved against tm-themes' Dark+ and
// Light+ by vscode-textmate's own theme matching (tokenizeLine2 with the theme set).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colourTokens, coloursOf, loadGrammar, type ThemeName } from './support';

const themes: ThemeName[] = ['dark-plus', 'light-plus'];

/** The single colour painted over `text` in `line`; fails when the text has more than one. */
function colourOf(spans: ReturnType<typeof colourTokens>[number], line: string, text: string, from = 0): string {
  const colours = coloursOf(spans, line, text, from);
  assert.equal(colours.length, 1, `${text} in ${JSON.stringify(line)} has colours ${colours.join(', ')}`);
  return colours[0]!;
}

const replies = ['250 2.0.0 Ok: queued as 4Z7Q2x0Lz9', '451 4.7.1 Greylisted, try again later', '550 5.7.1 Relay access denied'];

for (const theme of themes) {
  test(`${theme}: 2xx, 4xx and 5xx reply lines of a transcript get three different colours`, async () => {
    const grammar = await loadGrammar('source.smtp', { theme });
    const lines = replies.map((r) => `<-  ${r}`);
    const spans = colourTokens(grammar, theme, lines);
    const replyColours = lines.map((l, i) => colourOf(spans[i]!, l, l.slice(4, 7)));
    const enhancedColours = lines.map((l, i) => colourOf(spans[i]!, l, l.slice(8, 13)));
    console.log(`${theme} transcript: reply ${replyColours.join(' / ')}, enhanced ${enhancedColours.join(' / ')}`);
    assert.equal(new Set(replyColours).size, 3, replyColours.join(' '));
    assert.equal(new Set(enhancedColours).size, 3, enhancedColours.join(' '));
    // A code is coloured, not left in the editor's default foreground.
    const plain = colourOf(spans[0]!, lines[0]!, 'queued');
    assert.ok(!replyColours.includes(plain) && !enhancedColours.includes(plain));
  });

  test(`${theme}: 2xx, 4xx and 5xx codes in a mail log get three different colours, 5.7.1 one colour`, async () => {
    const grammar = await loadGrammar('text.log', { theme });
    const lines = replies.map(
      (r) =>
        `Mar  4 10:15:06 mx1 postfix/smtp[3121]: 8C1A2E0043: to=<a@example.net>, status=x (host mx.example.net[198.51.100.7] said: ${r})`,
    );
    const spans = colourTokens(grammar, theme, lines);
    const from = lines[0]!.indexOf('said:');
    const replyColours = replies.map((r, i) => colourOf(spans[i]!, lines[i]!, r.slice(0, 3), from));
    const enhancedColours = replies.map((r, i) => colourOf(spans[i]!, lines[i]!, r.slice(4, 9), from));
    console.log(`${theme} log: reply ${replyColours.join(' / ')}, enhanced ${enhancedColours.join(' / ')}`);
    assert.equal(new Set(replyColours).size, 3);
    assert.equal(new Set(enhancedColours).size, 3);
    // Without the injection, the log grammar paints 5, ., 7, ., 1 in more than one colour.
    const plain = await loadGrammar('text.log', { theme, injections: false });
    const plainSpans = colourTokens(plain, theme, [lines[2]!]);
    assert.ok(coloursOf(plainSpans[0]!, lines[2]!, '5.7.1', from).length > 1);
  });

  test(`${theme}: status=sent, deferred and bounced get three different colours`, async () => {
    const grammar = await loadGrammar('text.log', { theme });
    const lines = ['sent', 'deferred', 'bounced'].map((s) => `8C1A2E0043: to=<a@example.net>, dsn=2.0.0, status=${s} (ok)`);
    const spans = colourTokens(grammar, theme, lines);
    const colours = lines.map((l, i) => colourOf(spans[i]!, l, l.slice(l.indexOf('status=') + 7, l.indexOf(' (ok)'))));
    assert.equal(new Set(colours).size, 3, colours.join(' '));
  });

  test(`${theme}: in a C string the codes stand out from the string and keep three class colours`, async () => {
    const grammar = await loadGrammar('source.c', { theme });
    const lines = replies.map((r) => `reply(state, "${r}");`);
    const spans = colourTokens(grammar, theme, lines);
    const stringColour = colourOf(spans[0]!, lines[0]!, 'Ok: queued');
    const replyColours = replies.map((r, i) => colourOf(spans[i]!, lines[i]!, r.slice(0, 3)));
    const enhancedColours = replies.map((r, i) => colourOf(spans[i]!, lines[i]!, r.slice(4, 9)));
    console.log(`${theme} C string: string ${stringColour}, reply ${replyColours.join(' / ')}, enhanced ${enhancedColours.join(' / ')}`);
    assert.equal(new Set(replyColours).size, 3);
    assert.equal(new Set(enhancedColours).size, 3);
    for (const c of [...replyColours, ...enhancedColours]) assert.notEqual(c, stringColour);
  });
}
