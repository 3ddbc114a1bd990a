// P6: the cost of the log injection grammar, measured with the grammar tests' own loader (VS Code's
// `log` grammar from tm-grammars, our injection, vscode-textmate + vscode-oniguruma).
import { measureLogInjectionThroughput } from '../../test/grammar/support';

export async function measureGrammar(): Promise<{ aloneMs: number; withInjectionMs: number; ratio: number }> {
  const result = await measureLogInjectionThroughput({ lineCount: 10_000, rounds: 5 });
  return { aloneMs: result.logOnlyMs, withInjectionMs: result.withInjectionMs, ratio: result.ratio };
}
