"""The Lua scripts that change a world in the engine: each runs atomically on the node that
holds the world, so a commit applies whole or not at all, and only while its writer still
holds the world's lease (fencing) or, for a writer without one, only if nobody committed
since it read (optimistic check)."""

from __future__ import annotations

COMMIT = r"""
-- KEYS[1] versions, KEYS[2] lock, KEYS[3] meta, KEYS[4..] the changed collections' record
-- and order keys (indexes given in the plan); ARGV[1] the plan as JSON.
local plan = cjson.decode(ARGV[1])
if plan.token then
  if redis.call('GET', KEYS[2]) ~= plan.token then return {'lost'} end
end
if plan.wipe then
  redis.call('DEL', KEYS[1], KEYS[3], unpack(plan.wipe))
  redis.call('HSET', KEYS[1], '@epoch', plan.epoch)
else
  if redis.call('HGET', KEYS[1], '@epoch') ~= plan.epoch then return {'conflict'} end
  if plan.expected then
    if redis.call('EXISTS', KEYS[2]) == 1 then return {'conflict'} end
    if redis.call('HGET', KEYS[1], '@world') ~= plan.expected then return {'conflict'} end
  end
end
local changed = {}
for _, c in ipairs(plan.collections) do
  local records, order = KEYS[c.r], KEYS[c.o]
  if c.full then redis.call('DEL', records, order) end
  for _, key in ipairs(c.gone) do
    redis.call('HDEL', records, key)
    redis.call('ZREM', order, key)
  end
  for _, put in ipairs(c.put) do
    redis.call('HSET', records, put[1], put[2])
    if not c.order then
      redis.call('ZADD', order, 'NX', redis.call('HINCRBY', KEYS[1], '#seq', 1), put[1])
    end
  end
  if c.order then
    redis.call('DEL', order)
    local base = redis.call('HINCRBY', KEYS[1], '#seq', #c.order) - #c.order
    for i, key in ipairs(c.order) do redis.call('ZADD', order, base + i, key) end
  end
  changed[#changed + 1] = c.f
  changed[#changed + 1] = redis.call('HINCRBY', KEYS[1], c.f, 1)
end
if plan.meta then
  redis.call('HSET', KEYS[3], 'state', plan.meta)
  changed[#changed + 1] = '@meta'
  changed[#changed + 1] = redis.call('HINCRBY', KEYS[1], '@meta', 1)
end
changed[#changed + 1] = '@world'
changed[#changed + 1] = redis.call('HINCRBY', KEYS[1], '@world', 1)
return {'ok', unpack(changed)}
"""

NODE_TIME = r"""
-- KEYS[1] any key of the world: the time of the node holding it (on a Cluster TIME cannot be
-- pipelined, and this keeps one world on one clock).
return redis.call('TIME')
"""

ACQUIRE = r"""
-- KEYS[1] the lease, KEYS[2] the next-in-line claim; ARGV token, lease ms, claim ms.
-- The first worker to find the lease taken claims the next turn (and keeps the claim while
-- it polls); when the lease is free only the claimant may take it, so a worker with a queue
-- of its own cannot keep the world from the others.
local claim = redis.call('GET', KEYS[2])
if redis.call('EXISTS', KEYS[1]) == 1 then
  if not claim then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
  elseif claim == ARGV[1] then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
  return 0
end
if claim and claim ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if claim then redis.call('DEL', KEYS[2]) end
return 1
"""

RENEW = r"""
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

RELEASE = r"""
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

JOURNAL_TRIM = r"""
-- KEYS: journal (list of packed entries), journal ids (hash: next, dropped), journal bytes,
-- journal marks (list of each entry's weight, in step with the journal).
-- ARGV: the entry cap, the byte budget. Drops the oldest entries beyond either cap (the newest
-- is always kept); returns how many it dropped.
local size, budget = tonumber(ARGV[1]), tonumber(ARGV[2])
local count = redis.call('LLEN', KEYS[4])
local total = tonumber(redis.call('GET', KEYS[3]) or '0')
local dropped = 0
while count > 1 and (count > size or total > budget) do
  total = total - tonumber(redis.call('LPOP', KEYS[4]))
  count = count - 1
  dropped = dropped + 1
end
if dropped > 0 then
  redis.call('SET', KEYS[3], total)
  redis.call('LTRIM', KEYS[1], dropped, -1)
  redis.call('HINCRBY', KEYS[2], 'dropped', dropped)
end
return dropped
"""

JOURNAL_CLEAR = r"""
-- KEYS: journal, journal ids, journal bytes, journal marks. ARGV: the entry cap, the byte
-- budget. Returns how many entries the caps kept; those stored beyond them count as dropped.
local marks = redis.call('LRANGE', KEYS[4], 0, -1)
local size, budget = tonumber(ARGV[1]), tonumber(ARGV[2])
local count, total = 0, 0
for i = #marks, 1, -1 do
  local weight = tonumber(marks[i])
  if count > 0 and (count >= size or total + weight > budget) then break end
  count = count + 1
  total = total + weight
end
if #marks > count then redis.call('HINCRBY', KEYS[2], 'dropped', #marks - count) end
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
return count
"""
