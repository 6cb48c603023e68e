// Browser code for the local SFU's browser tests: publishes and pulls through the raw Calls API
// (no calls-kit client), exactly as seeds/000 describes. Bundled into the test page as `RawCalls`.

const headers = { authorization: 'Bearer local-secret', 'content-type': 'application/json' }

async function call(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

export const peerConnections: RTCPeerConnection[] = []

/** Publishes the fake camera (optionally simulcast) and mic; returns the publisher's sessionId. */
export async function publish(
  base: string,
  options: { simulcast?: boolean; width?: number; height?: number } = {},
): Promise<string> {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' })
  peerConnections.push(pc)
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: options.width ?? 640, height: options.height ?? 480 },
    audio: true,
  })
  const [video] = stream.getVideoTracks()
  const [audio] = stream.getAudioTracks()
  const tv = pc.addTransceiver(video as MediaStreamTrack, {
    direction: 'sendonly',
    sendEncodings: options.simulcast
      ? [
          { rid: 'h', scaleResolutionDownBy: 1 },
          { rid: 'm', scaleResolutionDownBy: 2 },
          { rid: 'l', scaleResolutionDownBy: 4 },
        ]
      : undefined,
  })
  const ta = pc.addTransceiver(audio as MediaStreamTrack, { direction: 'sendonly' })
  await pc.setLocalDescription(await pc.createOffer())
  const { sessionId } = await call(base, 'POST', '/sessions/new')
  const res = await call(base, 'POST', `/sessions/${sessionId}/tracks/new`, {
    sessionDescription: { type: 'offer', sdp: pc.localDescription?.sdp },
    tracks: [
      { location: 'local', trackName: 'video', mid: tv.mid },
      { location: 'local', trackName: 'audio', mid: ta.mid },
    ],
  })
  await pc.setRemoteDescription(res.sessionDescription)
  return sessionId
}

/** Pulls `trackNames` of `remoteSessionId` in a new session; returns that session's id. */
export async function pull(
  base: string,
  remoteSessionId: string,
  trackNames: string[],
  preferredRid?: string,
): Promise<string> {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' })
  peerConnections.push(pc)
  const { sessionId } = await call(base, 'POST', '/sessions/new')
  const res = await call(base, 'POST', `/sessions/${sessionId}/tracks/new`, {
    tracks: trackNames.map((trackName) => ({
      location: 'remote',
      sessionId: remoteSessionId,
      trackName,
      ...(preferredRid ? { simulcast: { preferredRid } } : {}),
    })),
  })
  await pc.setRemoteDescription(res.sessionDescription)
  await pc.setLocalDescription(await pc.createAnswer())
  await call(base, 'PUT', `/sessions/${sessionId}/renegotiate`, {
    sessionDescription: { type: 'answer', sdp: pc.localDescription?.sdp },
  })
  return sessionId
}

/** Asks the SFU to forward another simulcast layer of a pulled track. */
export async function setPreferredRid(
  base: string,
  sessionId: string,
  remoteSessionId: string,
  trackName: string,
  preferredRid: string,
): Promise<void> {
  await call(base, 'PUT', `/sessions/${sessionId}/tracks/update`, {
    tracks: [
      { location: 'remote', sessionId: remoteSessionId, trackName, simulcast: { preferredRid } },
    ],
  })
}
