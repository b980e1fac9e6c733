-- One closed execution per request, each with an execution service id no other request uses.
-- The first script argument is the id base, so separate runs against one database never collide.
local counter = 0
local base = 0
local threads = 0

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  base = tonumber(args[1]) + thread_index * 10000000
end

local template = '[{"executionServiceId":%d,"isOpen":false,"executionStatus":"FULL","tradeType":"BUY",'
  .. '"destination":"ML","securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":1000,"limitPrice":null,'
  .. '"receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",'
  .. '"lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":1000,"totalAmount":190409.6,'
  .. '"averagePrice":190.4096}]'

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/executions", {["Content-Type"] = "application/json"},
    string.format(template, base + counter))
end

function response(status)
  if status ~= 201 then
    print("unexpected status " .. status)
  end
end
