/** What the execution bundle offers other bundles (the console): the state of the rule set in force, and reloading it. */
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.strela.execution;
