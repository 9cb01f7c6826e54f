/** `mixgraph validate GRAPH.json`: `ok: N nodes, M wires` and the processing order, or the errors. */
import { compile } from '../../runtime/offline';
import { CliError } from '../errors';
import { loadGraph } from '../loadGraph';
import { printLines } from '../terminalText';

export function validateCommand(graphArg: string): number {
  const { graph, source, warnings } = loadGraph(graphArg);
  const compiled = compile(graph);
  if (!compiled.ok) throw new CliError(compiled.errors.map((e) => `${source}: ${e.message}`).join('\n'));
  for (const w of warnings) printLines('warning: ', w);
  const { plan } = compiled;
  process.stdout.write(`ok: ${graph.nodes.length} nodes, ${graph.edges.length} wires\n`);
  process.stdout.write(`order: ${plan.nodes.map((n) => n.id).join(' → ')}\n`);
  if (plan.unused.length > 0) process.stdout.write(`not connected to the output: ${plan.unused.join(', ')}\n`);
  return 0;
}
