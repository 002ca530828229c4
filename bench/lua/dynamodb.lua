-- wrk script: DynamoDB JSON 1.0 requests for the Tessera benchmark.
--
--   wrk -t1 -c32 -d10s -s bench/lua/dynamodb.lua http://127.0.0.1:PORT/ -- <workload> <items> [table]
--
-- workload: get | put | update | query | ycsb-a | batch-write | transact-write
-- items:    how many items are loaded (20 per partition, as bench/lib/data.mjs loads them)
--
-- The item shape here must stay the same as itemJson() in bench/lib/data.mjs: the harness loads
-- items from JavaScript and these requests read and overwrite them.
--
-- Requests carry a static SigV4-looking Authorization header (the servers read the credential
-- scope, none verifies the signature). Every response whose status is not 2xx counts as an
-- error; the first few error bodies per thread are kept so the report can say what went wrong.
-- done() prints one line, "WRKRESULT <json>", which bench/lib/wrk.mjs parses.

local PER_PARTITION = 20
local BASE_TS = 1700000000000
local PAYLOAD = string.rep("0123456789abcdefghijklmnopqrstuvwxyz", 4):sub(1, 140)

local workload = "get"
local items = 100000
local partitions = 5000
local tableName = "bench"
local headers = {}
local gen

-- Results read by done() through thread:get(); they must be globals of the thread's state.
errors = 0
samples = ""
nsamples = 0

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

local function key_of(i)
  -- Item i (0-based) lives in partition floor(i / 20) with sort key BASE_TS + (i % 20) * 1000.
  local p = math.floor(i / PER_PARTITION)
  return string.format("p%07d", p), BASE_TS + (i % PER_PARTITION) * 1000
end

local function key_json(i)
  local pk, sk = key_of(i)
  return '{"pk":{"S":"' .. pk .. '"},"sk":{"N":"' .. sk .. '"}}'
end

local function item_json(i, version)
  local pk, sk = key_of(i)
  local p = math.floor(i / PER_PARTITION)
  local j = i % PER_PARTITION
  return '{"pk":{"S":"' .. pk .. '"},"sk":{"N":"' .. sk .. '"}' ..
    ',"title":{"S":"user ' .. p .. '-' .. j .. '"}' ..
    ',"email":{"S":"user' .. p .. '.' .. j .. '@example.com"}' ..
    ',"views":{"N":"' .. version .. '"}' ..
    ',"active":{"BOOL":true}' ..
    ',"profile":{"M":{"city":{"S":"Lisbon"},"zip":{"N":"' .. (10000 + p % 90000) .. '"}}}' ..
    ',"payload":{"S":"' .. PAYLOAD .. '"}}'
end

local function random_item()
  return math.random(0, items - 1)
end

local function target(op)
  return {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. op,
    ["X-Amz-Date"] = "20261123T120000Z",
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=benchkey/20261123/us-east-1/dynamodb/aws4_request, " ..
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, " ..
      "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  }
end

local function get_request()
  return wrk.format("POST", "/", headers.GetItem,
    '{"TableName":"' .. tableName .. '","Key":' .. key_json(random_item()) .. '}')
end

local counter = 0
local function put_request()
  counter = counter + 1
  return wrk.format("POST", "/", headers.PutItem,
    '{"TableName":"' .. tableName .. '","Item":' .. item_json(random_item(), counter) .. '}')
end

local function update_body(i)
  counter = counter + 1
  return '{"TableName":"' .. tableName .. '","Key":' .. key_json(i) ..
    ',"UpdateExpression":"ADD #v :one SET #u = :now"' ..
    ',"ExpressionAttributeNames":{"#v":"views","#u":"updatedAt"}' ..
    ',"ExpressionAttributeValues":{":one":{"N":"1"},":now":{"N":"' .. (BASE_TS + counter) .. '"}}}'
end

local function update_request()
  return wrk.format("POST", "/", headers.UpdateItem, update_body(random_item()))
end

local function query_request()
  local p = math.random(0, partitions - 1)
  return wrk.format("POST", "/", headers.Query,
    '{"TableName":"' .. tableName .. '","KeyConditionExpression":"pk = :p"' ..
    ',"ExpressionAttributeValues":{":p":{"S":"' .. string.format("p%07d", p) .. '"}}' ..
    ',"ScanIndexForward":false,"Limit":10}')
end

local function ycsb_a_request()
  if math.random() < 0.5 then return get_request() end
  return update_request()
end

local function batch_write_request()
  -- 25 consecutive items: distinct keys, as BatchWriteItem requires.
  local first = math.random(0, math.max(items - 25, 0))
  local parts = {}
  counter = counter + 1
  for k = 0, 24 do
    parts[#parts + 1] = '{"PutRequest":{"Item":' .. item_json((first + k) % items, counter) .. '}}'
  end
  return wrk.format("POST", "/", headers.BatchWriteItem,
    '{"RequestItems":{"' .. tableName .. '":[' .. table.concat(parts, ",") .. ']}}')
end

local function transact_write_request()
  -- 4 distinct consecutive items: two puts and two updates.
  local first = math.random(0, math.max(items - 4, 0))
  counter = counter + 1
  local t = '"TableName":"' .. tableName .. '"'
  local actions = {
    '{"Put":{' .. t .. ',"Item":' .. item_json(first, counter) .. '}}',
    '{"Put":{' .. t .. ',"Item":' .. item_json((first + 1) % items, counter) .. '}}',
  }
  for k = 2, 3 do
    actions[#actions + 1] = '{"Update":{' .. t .. ',"Key":' .. key_json((first + k) % items) ..
      ',"UpdateExpression":"ADD #v :one SET #u = :now"' ..
      ',"ExpressionAttributeNames":{"#v":"views","#u":"updatedAt"}' ..
      ',"ExpressionAttributeValues":{":one":{"N":"1"},":now":{"N":"' .. (BASE_TS + counter) .. '"}}}}'
  end
  return wrk.format("POST", "/", headers.TransactWriteItems,
    '{"TransactItems":[' .. table.concat(actions, ",") .. ']}')
end

local generators = {
  ["get"] = get_request,
  ["put"] = put_request,
  ["update"] = update_request,
  ["query"] = query_request,
  ["ycsb-a"] = ycsb_a_request,
  ["batch-write"] = batch_write_request,
  ["transact-write"] = transact_write_request,
}

function init(args)
  workload = args[1] or workload
  items = tonumber(args[2] or items)
  tableName = args[3] or tableName
  partitions = math.max(1, math.floor(items / PER_PARTITION))
  gen = generators[workload]
  if gen == nil then
    io.stderr:write("unknown workload: " .. workload .. "\n")
    os.exit(2)
  end
  for _, op in ipairs({ "GetItem", "PutItem", "UpdateItem", "Query", "BatchWriteItem", "TransactWriteItems" }) do
    headers[op] = target(op)
  end
  math.randomseed(os.time() * 1000 + (tid or 1) * 7919)
end

function request()
  return gen()
end

function response(status, hdrs, body)
  if status < 200 or status > 299 then
    errors = errors + 1
    if nsamples < 3 then
      nsamples = nsamples + 1
      samples = samples .. status .. " " .. string.sub(body or "", 1, 300) .. "\n"
    end
  end
end

local function json_string(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

function done(summary, latency, requests)
  local errs, text = 0, ""
  for _, thread in ipairs(threads) do
    errs = errs + (thread:get("errors") or 0)
    text = text .. (thread:get("samples") or "")
  end
  local e = summary.errors
  local out = string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d},"samples":%s}',
    summary.requests, summary.duration, summary.bytes, errs,
    e.connect, e.read, e.write, e.timeout,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, json_string(text))
  io.write("WRKRESULT " .. out .. "\n")
end
