// Parses one file with the tree-sitter runtime alone and frees the tree: the
// smallest program that shows whether an input crashes the runtime itself
// (used by bench/deep_inputs.py runtime).
#include <stdio.h>
#include <stdlib.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    FILE *file = fopen(argv[1], "rb");
    if (!file) return 2;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *source = malloc(size + 1);
    if (fread(source, 1, size, file) != (size_t)size) return 2;
    fclose(file);
    TSParser *parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_python());
    TSTree *tree = ts_parser_parse_string(parser, NULL, source, (uint32_t)size);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    free(source);
    return 0;
}
