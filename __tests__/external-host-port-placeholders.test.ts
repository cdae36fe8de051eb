import { externalHost, placeholder } from '../constructs';
import { outsideMachinesSection } from '../constructs/synth/readme-outside';

// A machine's port the owner has not given yet is a placeholder like its address: used as written, listed among
// the facts to fill in, and marked as a stand-in where the README shows the machine.

const cell = (text: string) => text.replace(/\|/g, '\\|');

test('a placeholder port is the port charts use, and is listed with the machine\'s other placeholders', () => {
  const proxy = externalHost('proxy', {
    address: placeholder('192.168.1.40', { fact: 'proxy address', owner: 'set to the proxy address' }),
    ports: { socks5: placeholder(1080, { fact: 'SOCKS5 port', owner: 'set to the proxy\'s SOCKS5 port' }), http: 3128 },
  });
  expect(proxy.problems).toEqual([]);
  expect(proxy.port('socks5')).toBe(1080);
  expect(proxy.ports).toEqual({ socks5: 1080, http: 3128 });
  expect(proxy.placeholders.map((p) => [p.where, p.value, p.fact])).toEqual([
    ['external host proxy address', '192.168.1.40', 'proxy address'],
    ['external host proxy ports.socks5', '1080', 'SOCKS5 port'],
  ]);
  expect(outsideMachinesSection([proxy], cell)[4]).toBe('| proxy | 192.168.1.40 (placeholder) |  | socks5 1080 (placeholder), http 3128 |  |');
});

test('a placeholder port out of range, or one that does not say what it stands for, is reported on the port', () => {
  const proxy = externalHost('proxy', {
    address: '192.168.1.40',
    ports: { socks5: placeholder(70000, { fact: 'SOCKS5 port', owner: 'set it' }), http: placeholder(3128, { fact: '', owner: 'set it' }) },
  });
  expect(proxy.problems).toEqual([
    expect.objectContaining({ field: 'ports.socks5', message: 'port 70000 is not within 1–65535' }),
    expect.objectContaining({ field: 'ports.http', message: 'the placeholder for ports.http does not say what it stands for' }),
  ]);
});
