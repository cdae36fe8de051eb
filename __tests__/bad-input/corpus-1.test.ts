import { describeCorpusShard } from './corpus';

// Part 1 of the bad-input corpus (see corpus.ts).
describeCorpusShard(1);
