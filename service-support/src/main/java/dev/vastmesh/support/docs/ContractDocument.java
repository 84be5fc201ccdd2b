package dev.vastmesh.support.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A service's contract ({@code openapi/<file>}, packaged as {@code static/openapi/<file>}), read
 * once: the YAML as it is, and the same document as JSON for {@code /v3/api-docs}, so that every
 * tool that asks a service for its API gets the contract, never a description made from the code.
 */
public final class ContractDocument {

  /** Where the modules package their contract file, which the web server also serves as it is. */
  public static final String LOCATION = "static/openapi/";

  private final String fileName;
  private final byte[] yaml;
  private final byte[] json;

  private ContractDocument(String fileName, byte[] yaml) {
    this.fileName = fileName;
    this.yaml = yaml;
    this.json = JsonMapper.builder().build().writeValueAsBytes(YAMLMapper.builder().build().readTree(yaml));
  }

  /** The contract {@code fileName} from the class path; fails when the module did not package it. */
  public static ContractDocument load(String fileName) {
    try (InputStream in = ContractDocument.class.getClassLoader().getResourceAsStream(LOCATION + fileName)) {
      if (in == null) {
        throw new IllegalStateException("the contract " + LOCATION + fileName + " is not on the class path");
      }
      return new ContractDocument(fileName, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String fileName() {
    return fileName;
  }

  public byte[] yaml() {
    return yaml.clone();
  }

  public byte[] json() {
    return json.clone();
  }
}
