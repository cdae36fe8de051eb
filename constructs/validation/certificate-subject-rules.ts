import { AddFinding, Fields, fields, list, text } from './manifest';

// What cert-manager's webhook refuses in a Certificate's subject and name extensions although the CRD schema
// takes it (ValidateCertificateSpec). Each rule holds whether the feature gate of the field is on or off:
// with the gate off the webhook refuses the field itself.

/** The Subject fields a literalSubject replaces, which the webhook refuses beside it. */
const SUBJECT_FIELDS = ['organizations', 'countries', 'organizationalUnits', 'localities', 'provinces', 'streetAddresses', 'postalCodes', 'serialNumber'] as const;
/** An object identifier in dotted form: whole numbers between dots, as cert-manager parses one. */
const OBJECT_IDENTIFIER = /^\d+(\.\d+)*$/;

const filled = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : (text(value) ?? '') !== '');

/**
 * A literalSubject with no commonName or subject fields beside it, nameConstraints only on a CA and with
 * permitted or excluded names, and otherNames each of an object identifier and a UTF-8 value. Pure: reports through `add`.
 */
export function checkCertificateSubjectFields(spec: Fields, add: AddFinding): void {
  if (filled(spec.literalSubject)) {
    if (filled(spec.commonName)) {
      add('spec.commonName', 'commonName is given beside literalSubject; cert-manager takes the common name from the literal subject alone',
        `drop commonName and write it in literalSubject as CN=${text(spec.commonName)}`);
    }
    const subject = fields(spec.subject);
    const given = SUBJECT_FIELDS.filter((key) => filled(subject[key]));
    if (given.length > 0) {
      add('spec.subject', `subject gives ${given.join(', ')} beside literalSubject, which is the whole subject`, 'drop subject and write its attributes in literalSubject, e.g. CN=web.lab.example,O=Lab');
    }
  }
  if (spec.nameConstraints !== undefined && spec.nameConstraints !== null) {
    const constraints = fields(spec.nameConstraints);
    if (spec.isCA !== true) {
      add('spec.nameConstraints', 'nameConstraints restrict what a CA may sign, and the Certificate is no CA', 'set isCA: true, or drop nameConstraints');
    }
    if (constraints.permitted === undefined && constraints.excluded === undefined) {
      add('spec.nameConstraints', 'nameConstraints give neither permitted nor excluded names', "give the names the CA may sign, e.g. permitted: { dnsDomains: ['lab.example'] }");
    }
  }
  list(spec.otherNames).forEach((name, i) => {
    const oid = text(name.oid) ?? '';
    if (!OBJECT_IDENTIFIER.test(oid)) {
      add(`spec.otherNames[${i}].oid`, oid === '' ? 'the other name has no oid' : `oid ${JSON.stringify(oid)} is no object identifier in dotted form`,
        "give the type's object identifier, e.g. oid: '1.3.6.1.4.1.311.20.2.3' (a user principal name)");
    }
    if ((text(name.utf8Value) ?? '') === '') {
      add(`spec.otherNames[${i}].utf8Value`, 'the other name has no utf8Value', 'give its value, e.g. utf8Value: ops@lab.example');
    }
  });
}
