import { describeCorpusShard } from './corpus';

// Part 4 of the bad-input corpus (see corpus.ts).
describeCorpusShard(4);
