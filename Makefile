# `sam build` builds every function with this file (template.yaml: `Metadata: BuildMethod: makefile`).
#
# SAM runs `make --makefile <this file> build-<LogicalId>` once per function, with ARTIFACTS_DIR
# in the environment, in a scratch copy of the function's CodeUri (or, with --build-in-source, in
# CodeUri itself), one after the other or, with --parallel, at the same time. So every target:
#   - works from this file's own directory, never from the one make runs in;
#   - runs Maven only when a function jar is missing or older than a file it is built from, and
#     then once for all four functions: the first target builds, the others find fresh jars
#     (a lock keeps parallel targets from starting Maven side by side);
#   - unpacks its function's shaded jar into ARTIFACTS_DIR: the layout Lambda gives an uploaded
#     jar, classes at the task root where the Java runtime's class loader looks first.
#
# By hand: `make build-CreateUserFunction ARTIFACTS_DIR=/tmp/create-user`.
# `sam build --use-container` is not supported: the build needs your JDK and Maven.

comma := ,
empty :=
space := $(empty) $(empty)

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
MVN ?= mvn
JAR ?= $(if $(JAVA_HOME),$(JAVA_HOME)/bin/jar,jar)

FUNCTIONS := create-user get-user list-users onboarding-queue
# The reactor modules whose main code and build settings go into the function jars.
MODULES := shared $(addprefix functions/,$(FUNCTIONS))
JARS := $(foreach function,$(FUNCTIONS),functions/$(function)/target/$(function).jar)
# Directories too: adding, removing or renaming a file changes its directory's time.
SOURCES := $(shell cd "$(ROOT)" && find pom.xml $(foreach module,$(MODULES),$(module)/pom.xml $(module)/src/main) 2>/dev/null)
LOCK := $(ROOT)/target/sam-build.lock

ifneq ($(filter build-%,$(MAKECMDGOALS)),)
ifeq ($(strip $(ARTIFACTS_DIR)),)
$(error ARTIFACTS_DIR is not set: run sam build, or make $(MAKECMDGOALS) ARTIFACTS_DIR=<directory>)
endif
endif

build-CreateUserFunction: FUNCTION := create-user
build-GetUserFunction: FUNCTION := get-user
build-ListUsersFunction: FUNCTION := list-users
build-OnboardingFunction: FUNCTION := onboarding-queue

.PHONY: build-CreateUserFunction build-GetUserFunction build-ListUsersFunction build-OnboardingFunction \
	jars-locked jars print-modules

build-CreateUserFunction build-GetUserFunction build-ListUsersFunction build-OnboardingFunction: jars-locked
	mkdir -p "$(ARTIFACTS_DIR)"
	cd "$(ARTIFACTS_DIR)" && "$(JAR)" xf "$(ROOT)/functions/$(FUNCTION)/target/$(FUNCTION).jar"

# One Maven at a time: mkdir is atomic everywhere (flock is not on macOS). A lock whose holder
# has died (killed build) is taken over.
jars-locked:
	@mkdir -p "$(ROOT)/target"
	@until mkdir "$(LOCK)" 2>/dev/null; do \
	  holder=$$(cat "$(LOCK)/pid" 2>/dev/null); \
	  if [ -n "$$holder" ] && ! kill -0 "$$holder" 2>/dev/null \
	      && [ "$$(cat "$(LOCK)/pid" 2>/dev/null)" = "$$holder" ]; then rm -rf "$(LOCK)"; else sleep 1; fi; \
	done; \
	echo $$$$ > "$(LOCK)/pid"; \
	trap 'rm -rf "$(LOCK)"' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	$(MAKE) --no-print-directory -C "$(ROOT)" -f "$(ROOT)/Makefile" jars

jars: $(JARS)

# All jars share the stem ".", so make knows one Maven run rebuilds every one of them.
$(foreach function,$(FUNCTIONS),functions/$(function)/target/$(function)%jar): $(SOURCES)
	$(MVN) -B --no-transfer-progress -f "$(ROOT)/pom.xml" package -DskipTests \
	  -pl $(subst $(space),$(comma),$(MODULES)) -am
	@# Maven succeeded on these sources, so the jars are theirs even if it left one untouched.
	touch -c $(JARS)

print-modules:
	@echo $(MODULES)
