// Turns the call flow (the messages of one call as seen at the SIP-AS, in order) into message
// classes the queue engine works with: which served message triggers each arrival and after
// what delay, which requests run a transaction timer, and which messages are retransmitted
// by their sender until an answer comes back through the SIP-AS.
//
// The rules are RFC 3261/3262/3311 as they apply to a B2BUA between a CSCF and the UEs:
// - a response answers the most recent open request (so "PRACK 200 200" closes PRACK, then INVITE);
// - the called UE sends the final response to INVITE `answerDelayS` after it got the 200 to its
//   PRACK, and BYE `holdS` after the ACK; a mid-dialog request such as UPDATE comes
//   `refreshAfterS` after the ACK; everything else follows the previous message at once;
// - a reliable provisional response (a 1xx followed by PRACK) is retransmitted from T1,
//   doubling, until the PRACK reaches its sender (RFC 3262 §3), over any transport;
// - the 2xx to INVITE is retransmitted from T1, doubling up to T2, until the ACK arrives
//   (RFC 3261 §13.3.1.4), over any transport;
// - over UDP only, the INVITE itself (Timer A, until any response) and non-INVITE requests
//   (Timer E, until the final response) are retransmitted; over TCP they are not (§17.1.1.2),
//   but Timer B and Timer F still end the transaction.
import type { SipApplication } from './input';

export interface MsgClass {
  /** As written in the flow, with the request it answers for responses, e.g. "200/PRACK". */
  name: string;
  request: boolean;
  /** Method of the request, or of the request a response answers. */
  method: string;
  /** Index of the class whose service makes this message arrive; -1 for the initial request. */
  trigger: number;
  /** Delay between the trigger being served and this message arriving at the SIP-AS. */
  delayS: number;
  /** Transaction timeout of a request (Timer B or F); 0 for responses and ACK. */
  timeoutS: number;
  /** Incomplete-call cause when the timeout fires. */
  cause: string;
  /** Work relative to an ordinary message. */
  weight: number;
}

export interface RetransmissionRule {
  /** Class retransmitted by its sender. */
  x: number;
  /** Class whose service answers it (the sender stops when that message has been passed on). */
  y: number;
  /** Times after the original send at which copies are sent, ascending. */
  offsetsS: number[];
}

export interface CallFlowModel {
  classes: MsgClass[];
  retransmissions: RetransmissionRule[];
  /** Sum of weights of one call's messages. */
  workPerCall: number;
}

const isResponse = (m: string) => /^[1-6]\d\d$/.test(m);

/** Send times of a sender whose interval starts at t1 and doubles up to `cap`, while below `until`. */
export function retransmitOffsets(t1: number, cap: number, until: number): number[] {
  const out: number[] = [];
  let interval = t1;
  let at = t1;
  // Guard against a zero T1 (would loop forever): a flow without a timer has no retransmissions.
  if (!(t1 > 0)) return out;
  while (at < until - 1e-9 && out.length < 64) {
    out.push(at);
    interval = Math.min(interval * 2, cap);
    at += interval;
  }
  return out;
}

export function buildCallFlow(app: SipApplication, inviteWeight: number): CallFlowModel {
  const flow = app.callFlow.length ? app.callFlow.map((m) => m.toUpperCase()) : ['INVITE'];
  const { t1S, t2S, timerBS, timerFS } = app.timers;
  const classes: MsgClass[] = [];
  const open: number[] = []; // indices of requests awaiting a final response
  let ackIdx = -1;
  let inviteDone = false;

  for (let i = 0; i < flow.length; i++) {
    const m = flow[i];
    let method = m;
    let request = !isResponse(m);
    let trigger = i - 1;
    let delayS = 0;
    if (request) {
      if (m === 'ACK') ackIdx = i;
      else open.push(i);
      // Mid-dialog requests are timed from the ACK: the called UE's BYE after the hold time,
      // a refresh (UPDATE, re-INVITE, INFO...) after the refresh interval.
      if (ackIdx >= 0 && m !== 'ACK') {
        trigger = ackIdx;
        delayS = m === 'BYE' ? app.holdS : (app.refreshAfterS ?? 0);
      }
    } else {
      const code = Number(m);
      // A provisional response belongs to the INVITE; a final one to the most recent open request.
      let owner = -1;
      if (code < 200) {
        for (let k = open.length - 1; k >= 0; k--) if (classes[open[k]].method === 'INVITE') { owner = open[k]; break; }
      } else owner = open.length ? open[open.length - 1] : -1;
      if (owner < 0 && open.length) owner = open[open.length - 1];
      method = owner >= 0 ? classes[owner].method : 'INVITE';
      if (code >= 200 && owner >= 0) {
        open.splice(open.lastIndexOf(owner), 1);
        if (method === 'INVITE' && !inviteDone) {
          inviteDone = true;
          delayS = app.answerDelayS;
        }
      }
      request = false;
    }
    const timed = request && m !== 'ACK';
    classes.push({
      name: request ? m : `${m}/${method}`,
      request,
      method,
      trigger,
      delayS,
      timeoutS: timed ? (m === 'INVITE' ? timerBS : timerFS) : 0,
      cause: !timed ? '' : i === 0 && m === 'INVITE' ? '408' : `${m.toLowerCase()}-timeout`,
      weight: i === 0 ? inviteWeight : 1,
    });
  }

  const retransmissions: RetransmissionRule[] = [];
  const prackIdx = flow.indexOf('PRACK');
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (c.request) continue;
    const code = Number(c.name.slice(0, 3));
    // Reliable provisional response: the first non-100 1xx before a PRACK.
    if (code > 100 && code < 200 && prackIdx > i && !retransmissions.some((r) => r.y === prackIdx)) {
      retransmissions.push({ x: i, y: prackIdx, offsetsS: retransmitOffsets(t1S, Infinity, 64 * t1S) });
    }
    if (code >= 200 && code < 300 && c.method === 'INVITE' && ackIdx > i) {
      retransmissions.push({ x: i, y: ackIdx, offsetsS: retransmitOffsets(t1S, t2S, 64 * t1S) });
    }
  }
  if (app.transport === 'udp') {
    for (let i = 0; i < classes.length; i++) {
      const c = classes[i];
      if (!c.request || c.name === 'ACK') continue;
      if (c.method === 'INVITE') {
        // Timer A: until the INVITE is served (the SIP-AS answers 100 Trying at once).
        retransmissions.push({ x: i, y: i, offsetsS: retransmitOffsets(t1S, Infinity, timerBS) });
      } else {
        const fin = classes.findIndex((r, j) => j > i && !r.request && r.method === c.method && Number(r.name.slice(0, 3)) >= 200);
        retransmissions.push({ x: i, y: fin >= 0 ? fin : i, offsetsS: retransmitOffsets(t1S, t2S, timerFS) });
      }
    }
  }
  const workPerCall = classes.reduce((s, c) => s + c.weight, 0);
  return { classes, retransmissions, workPerCall };
}
