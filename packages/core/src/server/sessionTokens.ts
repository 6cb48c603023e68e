import { jwtVerify, SignJWT } from 'jose'

const encoder = new TextEncoder()

/**
 * Derives the HMAC key of session tokens from the app secret (HKDF-SHA-256, RFC 5869), so a
 * restarted server still accepts the tokens it issued and the app secret itself never signs.
 * @internal
 */
export async function deriveTokenKey(appSecret: string): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(appSecret), 'HKDF', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: encoder.encode('calls-kit/session-token/v1'),
    },
    base,
    256,
  )
  return new Uint8Array(bits)
}

/**
 * Issues and checks session tokens: JWS compact HS256 (RFC 7515/7519) with `sub` = Calls
 * sessionId, `iat`, and `exp` 24 h later. Holding the token proves that the caller created the
 * session (Calls doc "Connection API": do not let anyone close tracks of other people's sessions).
 * @internal
 */
export class SessionTokens {
  constructor(private readonly key: Promise<Uint8Array>) {}

  /** A token for `sessionId`. */
  async issue(sessionId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sessionId)
      .setIssuedAt()
      .setExpirationTime('24h')
      .sign(await this.key)
  }

  /** The sessionId a valid token names, or `undefined` for a missing, forged or expired one. */
  async verify(token: string | undefined | null): Promise<string | undefined> {
    if (!token) return undefined
    try {
      const { payload } = await jwtVerify(token, await this.key, { algorithms: ['HS256'] })
      return typeof payload.sub === 'string' ? payload.sub : undefined
    } catch {
      return undefined
    }
  }
}
