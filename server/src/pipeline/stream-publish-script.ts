import type { LogEntry } from '@lianfang/shared';

/**
 * Identifies one entry of one history: its commit time (the database's clock,
 * to the millisecond) and type. Carried beside the entry on the stream, so a
 * refused id can be told apart: the same entry published twice, or another
 * history's entry at that seq. Both relay paths (from memory and from the
 * outbox table) read `at` from the same column, so they agree.
 */
export const fingerprintOf = (e: LogEntry): string => `${e.at}|${e.type}`;

/**
 * XADD with the explicit id `<seq>-1` for each entry (ARGV: maxlen, then id,
 * entry, fingerprint per entry). Redis refuses an id at or below the stream's
 * top. Such a refusal is a duplicate (a second relay publishing the same entry)
 * when the stream holds that id with the same fingerprint, or when the id is
 * below the stream's first entry (trimmed, or before a Redis restart). Anything
 * else means the stream holds another history: the script returns the first
 * such seq so the caller stops, instead of skipping it as a duplicate.
 * Returns {added, conflicting seq or 0}.
 */
export const PUBLISH_SCRIPT = `
local added, conflict = 0, 0
local function seqOf(id) return tonumber(string.match(id, '^%d+')) end
for i = 2, #ARGV, 3 do
  local id, fp = ARGV[i], ARGV[i + 2]
  local res = redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], id, 'e', ARGV[i + 1], 'f', fp)
  if type(res) ~= 'table' or res.err == nil then
    added = added + 1
  elseif not string.find(res.err, 'equal or smaller', 1, true) then
    return redis.error_reply(res.err)
  else
    local same = redis.call('XRANGE', KEYS[1], id, id)
    if #same == 1 then
      local fields = same[1][2]
      if fields[3] ~= 'f' or fields[4] ~= fp then conflict = seqOf(id) end
    else
      local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
      if #first == 1 and seqOf(first[1][1]) < seqOf(id) then conflict = seqOf(id) end
    end
    if conflict > 0 then return {added, conflict} end
  end
end
return {added, conflict}`;
