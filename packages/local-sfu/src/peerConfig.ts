import {
  type PeerConfig,
  RTCRtpCodecParameters,
  useAbsSendTime,
  useRepairedRtpStreamId,
  useSdesMid,
  useSdesRTPStreamId,
} from 'werift'

/** Options of {@link createPeerConfig}. */
export interface PeerConfigOptions {
  /** Address ICE binds to and offers as its only host candidate. Defaults to `'127.0.0.1'`. */
  host?: string
}

/**
 * werift `RTCPeerConnection` settings of every SFU session: one bundled transport, host candidates
 * on `host` only (no STUN/TURN), Opus and VP8 only (so every publisher and subscriber share a codec
 * and RTP is forwarded untouched), NACK/PLI/FIR and REMB feedback, no transport-cc (Chromium's
 * send-side estimate stayed near 300 kbps with werift's transport-cc; with REMB it ramps to the
 * estimate the SFU sends), and the header extensions simulcast needs (mid, rid, repaired rid,
 * abs-send-time for REMB).
 * @see RFC 8843 (BUNDLE), RFC 8851/8853 (rid, simulcast), RFC 4585 (RTCP feedback)
 */
export function createPeerConfig(options: PeerConfigOptions = {}): Partial<PeerConfig> {
  const host = options.host ?? '127.0.0.1'
  return {
    iceServers: [],
    iceAdditionalHostAddresses: [host],
    iceInterfaceAddresses: { udp4: host },
    iceUseIpv6: false,
    bundlePolicy: 'max-bundle',
    codecs: {
      audio: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: 48_000,
          channels: 2,
          payloadType: 111,
          parameters: 'minptime=10;useinbandfec=1',
        }),
      ],
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90_000,
          payloadType: 96,
          rtcpFeedback: [
            { type: 'nack' },
            { type: 'nack', parameter: 'pli' },
            { type: 'ccm', parameter: 'fir' },
            { type: 'goog-remb' },
          ],
        }),
      ],
    },
    headerExtensions: {
      audio: [useSdesMid()],
      video: [useSdesMid(), useSdesRTPStreamId(), useRepairedRtpStreamId(), useAbsSendTime()],
    },
  }
}
