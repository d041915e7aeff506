import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_TCP_PORT, parseTcpPortSetting, resolveTcpPort } from "../../src/server/tcp/tcp-port-setting.ts";
import { tcpReplyText } from "../../src/server/tcp/tcp-reply-text.ts";
import { parseServerConfig } from "../../src/server/config.ts";

describe("--tcp-port / TCP_PORT", () => {
  it("parses numbers, 0/off (disabled) and random", () => {
    assert.equal(parseTcpPortSetting("9011", "--tcp-port"), 9011);
    assert.equal(parseTcpPortSetting("0", "--tcp-port"), "off");
    assert.equal(parseTcpPortSetting("OFF", "--tcp-port"), "off");
    assert.equal(parseTcpPortSetting("random", "--tcp-port"), "random");
    for (const bad of ["", "-1", "65536", "1.5", "eight"]) assert.throws(() => parseTcpPortSetting(bad, "--tcp-port"), RangeError);
  });
  it("defaults to 8011, or to a free port when the HTTP port is 0", () => {
    assert.equal(DEFAULT_TCP_PORT, 8011);
    assert.equal(resolveTcpPort(undefined, 8008), 8011);
    assert.equal(resolveTcpPort(undefined, 0), 0);
    assert.equal(resolveTcpPort("off", 0), undefined);
    assert.equal(resolveTcpPort("random", 8008), 0);
    assert.equal(resolveTcpPort(9000, 0), 9000);
  });
  it("is read by the server config from the flag before the env var", () => {
    const env = (value: string | undefined) => (name: string) => (name === "TCP_PORT" ? value : undefined);
    assert.equal(parseServerConfig({ argv: [], getEnv: env(undefined), cores: 2 }).tcpPort, undefined);
    assert.equal(parseServerConfig({ argv: [], getEnv: env("0"), cores: 2 }).tcpPort, "off");
    assert.equal(parseServerConfig({ argv: ["--tcp-port", "8111"], getEnv: env("0"), cores: 2 }).tcpPort, 8111);
    assert.equal(parseServerConfig({ argv: ["--tcp-port=random"], getEnv: env(undefined), cores: 2 }).tcpPort, "random");
  });
});

describe("tcpReplyText", () => {
  it("passes JSON documents through and wraps anything else as a JSON error", () => {
    const json = '{"success": "false", "error": "Cannot decode the image", "server_processing_time": 0}';
    assert.equal(tcpReplyText(400, json), json);
    assert.equal(tcpReplyText(500, "<h1>Server Error (500)</h1>"), '{"success": "false", "error": "Server Error (500)", "server_processing_time": 0}');
    assert.equal(tcpReplyText(400, "Must send frame as a POST"), '{"success": "false", "error": "Must send frame as a POST", "server_processing_time": 0}');
    assert.equal(tcpReplyText(502, ""), '{"success": "false", "error": "Request failed with status 502", "server_processing_time": 0}');
    assert.equal(tcpReplyText(500, "[1, 2]"), '{"success": "false", "error": "[1, 2]", "server_processing_time": 0}');
  });
});
