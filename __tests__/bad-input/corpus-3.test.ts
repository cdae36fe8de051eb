import { describeCorpusShard } from './corpus';

// Part 3 of the bad-input corpus (see corpus.ts).
describeCorpusShard(3);
