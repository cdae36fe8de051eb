import { describeCorpusShard } from './corpus';

// Part 2 of the bad-input corpus (see corpus.ts).
describeCorpusShard(2);
