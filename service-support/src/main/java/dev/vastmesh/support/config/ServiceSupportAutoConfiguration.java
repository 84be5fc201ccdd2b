package dev.vastmesh.support.config;

import dev.vastmesh.support.security.ScopeCheck;
import dev.vastmesh.support.web.ProblemAdvice;
import dev.vastmesh.support.web.RedisUnavailableAdvice;
import dev.vastmesh.support.web.StoreUnavailableAdvice;
import dev.vastmesh.support.web.ScopeInterceptor;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What a service gets by depending on service-support: the {@link Clock} (tests replace it), and
 * in a servlet service the problem advice and the {@code @RequiresScope} check.
 */
// Before Boot's MVC configuration, whose own problem handler stands back only for an existing one.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
public class ServiceSupportAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(DispatcherServlet.class)
  static class Servlet implements WebMvcConfigurer {

    private final ObjectProvider<ScopeCheck> scopeCheck;

    Servlet(ObjectProvider<ScopeCheck> scopeCheck) {
      this.scopeCheck = scopeCheck;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAdvice problemAdvice() {
      return new ProblemAdvice();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
      registry.addInterceptor(new ScopeInterceptor(scopeCheck));
    }

    /** Only in a service with a Spring Data store: a store outage answers 503, not 500. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    static class StoreOutage {

      @Bean
      @ConditionalOnMissingBean
      StoreUnavailableAdvice storeUnavailableAdvice() {
        return new StoreUnavailableAdvice();
      }
    }

    /** Only where Lettuce is on the class path, for code that uses it without Spring Data. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.RedisException")
    static class RedisOutage {

      @Bean
      @ConditionalOnMissingBean
      RedisUnavailableAdvice redisUnavailableAdvice() {
        return new RedisUnavailableAdvice();
      }
    }
  }
}
