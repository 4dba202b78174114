# LossScope: `make install PREFIX=/usr/local` (and `make uninstall`).
#
# Installs the release binary, the themes (where the binary looks for them:
# PREFIX/share/lossscope/Themes), the man page that swift-argument-parser's generate-manual
# plugin writes from the commands' own help, and the bash, zsh and fish completions that the
# binary prints (`lossscope --generate-completion-script SHELL`). DESTDIR is honoured for
# packagers. The README's quick start needs none of this: `swift run lossscope`.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
BUILD := .build/release
MANUAL := .build/manual

# The paths go into shell commands in single quotes, where nothing is expanded; a PREFIX or
# DESTDIR that could still break out of them (a quote, a backtick, a dollar sign, a newline) is
# refused before anything runs. $(value ...) reads what was given, before make expands it.
define newline


endef
unsafe_paths := $(value PREFIX)$(value DESTDIR)
ifneq ($(findstring `,$(unsafe_paths))$(findstring $$,$(unsafe_paths))$(findstring ',$(unsafe_paths))$(findstring $(newline),$(unsafe_paths)),)
$(error PREFIX and DESTDIR may not hold a quote ('), a backtick, a dollar sign or a newline)
endif

BIN := $(DESTDIR)$(PREFIX)/bin
SHARE := $(DESTDIR)$(PREFIX)/share
THEMES := $(SHARE)/lossscope/Themes
MAN1 := $(SHARE)/man/man1
BASH := $(SHARE)/bash-completion/completions
ZSH := $(SHARE)/zsh/site-functions
FISH := $(SHARE)/fish/vendor_completions.d

.PHONY: all build manual install uninstall

all: build

build:
	$(SWIFT) build -c release -Xswiftc -warnings-as-errors --product lossscope

$(MANUAL)/lossscope.1: build
	mkdir -p $(MANUAL)
	$(SWIFT) package --allow-writing-to-directory $(MANUAL) generate-manual \
		--output-directory $(MANUAL) --authors "LossScope contributors"

manual: $(MANUAL)/lossscope.1

install: build manual
	install -d '$(BIN)' '$(THEMES)' '$(MAN1)' '$(BASH)' '$(ZSH)' '$(FISH)'
	install -m 755 $(BUILD)/lossscope '$(BIN)/lossscope'
	install -m 644 Themes/*.toml '$(THEMES)/'
	install -m 644 $(MANUAL)/lossscope.1 '$(MAN1)/lossscope.1'
	$(BUILD)/lossscope --generate-completion-script bash > '$(BASH)/lossscope'
	$(BUILD)/lossscope --generate-completion-script zsh > '$(ZSH)/_lossscope'
	$(BUILD)/lossscope --generate-completion-script fish > '$(FISH)/lossscope.fish'

uninstall:
	rm -f '$(BIN)/lossscope' '$(MAN1)/lossscope.1' '$(BASH)/lossscope' '$(ZSH)/_lossscope' \
		'$(FISH)/lossscope.fish'
	rm -f $(addprefix '$(THEMES)/',$(notdir $(wildcard Themes/*.toml)))
	-rmdir '$(THEMES)' '$(SHARE)/lossscope' 2>/dev/null
