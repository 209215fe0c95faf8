/**
 * Reads an event file with `readEventFile` and prints `{"events":n,"chunks":c,"maxHeapMB":m}`, the
 * peak of the V8 heap sampled after each chunk. Run in a child process with a small
 * `--max-old-space-size` to prove that a file larger than the heap is streamed.
 */
import { readEventFile } from '@ent/ingest';

async function main(file: string): Promise<void> {
  let events = 0;
  let chunks = 0;
  let maxHeap = 0;
  for await (const chunk of readEventFile(file, 5000)) {
    events += chunk.items.length;
    chunks++;
    if (chunk.lines[chunk.lines.length - 1] !== events) throw new Error(`chunk ${chunks} ends at line ${chunk.lines[chunk.lines.length - 1]}, expected ${events}`);
    maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
  }
  console.log(JSON.stringify({ events, chunks, maxHeapMB: Math.round(maxHeap / 1048576) }));
}

main(process.argv[2]).catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
