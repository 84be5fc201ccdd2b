package dev.vastmesh.support.docs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * A servlet service that names its contract ({@value #PROPERTY}, the file name under
 * {@code openapi/}) serves it at {@code /v3/api-docs}. The contract must be on the class path:
 * a service that names a file it did not package does not start.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnProperty(ContractDocsAutoConfiguration.PROPERTY)
public class ContractDocsAutoConfiguration {

  public static final String PROPERTY = "vastmesh.openapi.contract";

  @Bean
  ContractDocument contractDocument(@Value("${" + PROPERTY + "}") String fileName) {
    return ContractDocument.load(fileName);
  }

  @Bean
  ContractDocsFilter contractDocsFilter(ContractDocument contract) {
    return new ContractDocsFilter(contract);
  }
}
