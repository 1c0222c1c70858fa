package org.genlab.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the JavaFX toolkit TestFX's way before any test class of the JVM runs, registered
 * for every class through JUnit's extension auto-detection
 * ({@code src/test/resources/junit-platform.properties}). Code under test that starts the
 * toolkit itself ({@code HeadlessRenderer.startToolkit}, as {@code genlab render} does) then
 * finds it running, and the TestFX classes that follow are not broken by a toolkit started
 * another way (see {@link FxTestSupport#start}).
 */
public final class FxToolkitFirst implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        FxTestSupport.start();
    }
}
