import { X509Certificate, createHash, webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/**
 * The LAN listener's own certificate (issue 24). Node cannot make X.509 certificates by itself;
 * pkijs builds one on node:crypto's WebCrypto. Self-signed on purpose: there is no CA on a
 * committee office's LAN, so trust is the clerk comparing the fingerprint shown on the office PC
 * with the one a new device shows (README: 局域网多机使用).
 */
export interface TlsIdentity {
  certPem: string
  keyPem: string
}

const COMMON_NAME = '守望 办公室电脑'
/** Ten years: a clerk must never meet an expired certificate; revoking is changing it (重新生成). */
const VALID_DAYS = 3650

function pem(label: string, der: ArrayBuffer): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

function engine(): pkijs.CryptoEngine {
  // pkijs is typed against the DOM's Crypto, which node:crypto's webcrypto implements.
  return new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] })
}

/** A new ECDSA P-256 key and a certificate for the given IPv4/IPv6 addresses and names. */
export async function createTlsIdentity(addresses: readonly string[], now: Date): Promise<TlsIdentity> {
  const crypto = engine()
  const keys = (await crypto.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const cert = new pkijs.Certificate()
  cert.version = 2
  cert.serialNumber = new asn1js.Integer({ valueHex: webcrypto.getRandomValues(new Uint8Array(16)).map((b, i) => (i === 0 ? b & 0x7f : b)) })
  const name = [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: COMMON_NAME }) })]
  cert.issuer.typesAndValues = name
  cert.subject.typesAndValues = name
  cert.notBefore.value = new Date(now.getTime() - 86_400_000)
  cert.notAfter.value = new Date(now.getTime() + VALID_DAYS * 86_400_000)
  const altNames = [
    new pkijs.GeneralName({ type: 2, value: 'localhost' }),
    ...addresses.map((address) => new pkijs.GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: ipBytes(address) }) }))
  ]
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.17', extnValue: new pkijs.AltName({ altNames }).toSchema().toBER(false) }),
    // serverAuth only: this key signs nothing but the LAN listener's handshakes.
    new pkijs.Extension({
      extnID: '2.5.29.37',
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.1'] }).toSchema().toBER(false)
    })
  ]
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, crypto)
  await cert.sign(keys.privateKey, 'SHA-256', crypto)
  const der = cert.toSchema(true).toBER(false)
  const pkcs8 = await crypto.exportKey('pkcs8', keys.privateKey)
  return { certPem: pem('CERTIFICATE', der), keyPem: pem('PRIVATE KEY', pkcs8 as ArrayBuffer) }
}

function ipBytes(address: string): Uint8Array {
  if (address.includes(':')) {
    const [head = '', tail = ''] = address.split('::')
    const headParts = head === '' ? [] : head.split(':')
    const tailParts = tail === '' ? [] : tail.split(':')
    const groups = address.includes('::') ? [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts] : headParts
    return new Uint8Array(groups.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]))
  }
  return new Uint8Array(address.split('.').map(Number))
}

/** SHA-256 of the certificate, in groups of four hex digits: what the clerk compares by eye. */
export function fingerprintOf(certPem: string): string {
  const der = new X509Certificate(certPem).raw
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase()
  return hex.match(/.{4}/g)?.join(' ') ?? hex
}

/** Whether the certificate names this IP address (a changed address needs a new certificate). */
export function certCovers(certPem: string, address: string): boolean {
  const names = new X509Certificate(certPem).subjectAltName ?? ''
  return names.split(', ').includes(`IP Address:${address}`)
}
