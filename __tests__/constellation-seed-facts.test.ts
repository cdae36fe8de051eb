import * as fs from 'fs';
import * as path from 'path';

// Facts of the constellation design read back from the synthesized output: what it gives is stated, what it
// leaves out is marked as a placeholder wherever the output shows it.

const DIST = path.join(__dirname, '..', 'dist', 'constellation', 'main');
const readme = fs.readFileSync(path.join(DIST, 'README.md'), 'utf8');

describe('constellation: the design names only /dev/dri, not the GPU behind it', () => {
  test("storage's box in the picture marks the GPU vendor as a placeholder, as its architecture", () => {
    expect(readme).toContain('host_storage["storage<br/>amd64 (placeholder) · control-plane, worker<br/>192.168.1.5<br/>GPU: intel (placeholder)"]');
  });
});
