import { fluxOptionProblems } from '../constructs/platform/flux-options';

// flux({ sopsKeyFile }) as owners write the default age key location: a whole path between double quotes is
// one shell word, as is a quoted variable followed by the rest of the path.
test('a key file path quoted as a whole, or with blanks between quotes, is one shell word', () => {
  for (const sopsKeyFile of ['"$HOME/.config/sops/age/keys.txt"', '"$HOME"/.config/sops/age/keys.txt', '"${XDG_CONFIG_HOME}/sops/age/keys.txt"', '"./lab keys/age.key"', './backup~/age.key']) {
    expect({ sopsKeyFile, problems: fluxOptionProblems({ sopsSecretName: 'sops-age', sopsKeyFile }) }).toEqual({ sopsKeyFile, problems: [] });
  }
});

test('shell syntax stays refused, inside quotes too', () => {
  for (const sopsKeyFile of ['"$(cat path)"', '"a"b"', './my age.key', '"`id`"']) {
    expect(fluxOptionProblems({ sopsSecretName: 'sops-age', sopsKeyFile }).map((p) => p.field)).toEqual(['sopsKeyFile']);
  }
});
